using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Access.Authentication;

/// <summary>
/// API keys look like <c>ck_&lt;prefix&gt;_&lt;secret&gt;</c>: a 16-hex-digit random prefix that identifies the key (and
/// can be shown in lists and logs) and a 32-byte random secret (base64url) of which only the SHA-256 is stored.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Marker = "ck_";
    private const int PrefixBytes = 8;
    private const int SecretBytes = 32;

    public static (string Prefix, string Secret, string Key) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (prefix, secret, $"{Marker}{prefix}_{secret}");
    }

    public static bool LooksLikeKey(string? text) => text is not null && text.StartsWith(Marker, StringComparison.Ordinal);

    public static bool TryParse(string? key, [NotNullWhen(true)] out string? prefix, [NotNullWhen(true)] out string? secret)
    {
        prefix = secret = null;
        if (!LooksLikeKey(key) || key!.Length > 200)
        {
            return false;
        }

        var rest = key.AsSpan(Marker.Length);
        var separator = rest.IndexOf('_');
        if (separator != PrefixBytes * 2 || rest.Length - separator - 1 < 40)
        {
            return false;
        }

        prefix = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
