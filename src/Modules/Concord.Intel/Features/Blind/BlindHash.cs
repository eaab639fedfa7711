using System.Security.Cryptography;
using System.Text;
using Concord.Intel.Features.Correlation;
using Concord.Observables;

namespace Concord.Intel.Features.Blind;

/// <summary>
/// The blind hash of a value: HMAC-SHA256 under the federation key of the value's observable index key
/// (<see cref="ObservableKey"/>: the kind and canonical value, hashed, or the IP address and prefix as bytes), cut to
/// <see cref="Length"/> bytes. Hashing the index key rather than the text lets the blind index be kept from the same
/// keys ingest computes; what makes it blind is the HMAC key, not the input's form. Eight bytes: among 10 million
/// values a hash falsely matches another value once in about 2 million million questions, and an entry of the blind
/// index costs 8 bytes of hash plus the 6–18 bytes of the index key (with PostgreSQL's row and B-tree overhead, about
/// 90 bytes a distinct value).
/// </summary>
internal static class BlindHash
{
    public const int Length = 8;

    /// <summary>The HMAC key the node derives from the federation secret the admins typed: the same on every node.</summary>
    public static byte[] KeyOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes("concord blind lookups\n" + secret));

    /// <summary>A short fingerprint of the key, for two admins to compare: not the secret, and no help in guessing it.</summary>
    public static string Fingerprint(byte[] key)
    {
        var digest = SHA256.HashData([.. Encoding.UTF8.GetBytes("concord blind fingerprint\n"), .. key]);
        var hex = Convert.ToHexStringLower(digest.AsSpan(0, 6));
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..]}";
    }

    public static byte[] Of(byte[] key, Observable observable) => Of(key, ObservableKey.Of(observable));

    public static byte[] Of(byte[] key, ReadOnlySpan<byte> indexKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, indexKey, mac);
        return mac[..Length].ToArray();
    }

    public static string ToText(byte[] blind) => Convert.ToHexStringLower(blind);

    public static bool TryParse(string? text, out byte[] blind)
    {
        blind = [];
        if (text is not { Length: Length * 2 } || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        blind = Convert.FromHexString(text);
        return true;
    }
}
