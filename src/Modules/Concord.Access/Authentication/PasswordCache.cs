using System.Security.Cryptography;
using System.Text;
using Concord.Access.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Concord.Access.Authentication;

/// <summary>
/// Remembers, for a few minutes, that a user's password was verified, so that a TAXII client or script sending HTTP
/// Basic on every request pays the deliberately slow password hash (about 125 ms of CPU) once, not per request.
/// What is kept is an HMAC-SHA256, under a random key that lives only in this process, of the user id, the password
/// and the security stamp — never the password or a fast unsalted hash of it, and the key is gone with the process.
/// A new password, a reset, a role change or disabling the account changes the stamp, so an old entry stops matching.
/// </summary>
internal sealed class PasswordCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly TimeProvider _time;

    public PasswordCache(TimeProvider time) => _time = time;

    /// <summary>The password is the one verified for this user (and security stamp) less than <see cref="Lifetime"/> ago.</summary>
    public bool Matches(AccessUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _entries.Get<Entry>(user.Id) is { } entry && _time.GetUtcNow() < entry.Expires
            && CryptographicOperations.FixedTimeEquals(entry.Mac, Mac(user, password));
    }

    public void Remember(AccessUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        _entries.Set(user.Id, new Entry(Mac(user, password), _time.GetUtcNow() + Lifetime),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
    }

    public void Forget(Guid userId) => _entries.Remove(userId);

    public void Dispose() => _entries.Dispose();

    private byte[] Mac(AccessUser user, string password)
    {
        // Length-prefixed fields, so no two (stamp, password) pairs give the same input.
        var stamp = user.SecurityStamp ?? "";
        var input = Encoding.UTF8.GetBytes($"{user.Id:N}|{stamp.Length}|{stamp}|{password}");
        try
        {
            return HMACSHA256.HashData(_key, input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    private sealed record Entry(byte[] Mac, DateTimeOffset Expires);
}
