using System.Buffers.Binary;
using System.Security.Cryptography;
using Concord.Access.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Authentication;

/// <summary>
/// Checks authenticator (TOTP) codes as Identity's <see cref="AuthenticatorTokenProvider{TUser}"/> does — RFC 6238 with
/// SHA-1, six digits, 30-second steps, two steps of clock drift either way — and in addition accepts each step once:
/// a code is good only for a step later than the last one the user signed in with (<see cref="TotpStep"/>). Identity's
/// provider has no memory, so a code could be replayed for about two minutes. Registered under Identity's authenticator
/// provider name, so every <c>VerifyTwoFactorTokenAsync</c> (sign-in, enrolment) goes through it.
/// </summary>
internal sealed class ReplayGuardedAuthenticator(AccessDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<AccessUser>
{
    private const int Drift = 2;
    private const long StepSeconds = 30;

    /// <summary>Codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AccessUser> manager, AccessUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AccessUser> manager, AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AccessUser> manager, AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (key is null || token is not { Length: 6 } || !token.All(char.IsAsciiDigit) || Base32.Decode(key) is not { Length: > 0 } secret)
        {
            return false;
        }

        var last = await db.TotpSteps.AsNoTracking().Where(s => s.UserId == user.Id).Select(s => (long?)s.LastStep).FirstOrDefaultAsync();
        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = Math.Max(now - Drift, (last ?? long.MinValue) + 1); step <= now + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                return await ClaimAsync(user.Id, step, last is not null);
            }
        }

        return false;
    }

    /// <summary>RFC 4226 HOTP of one time step: HMAC-SHA-1 of the big-endian counter, dynamic truncation, six digits.</summary>
    internal static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Records <paramref name="step"/> as used, atomically: of two requests with the same code only one moves the step
    /// on (a conditional update, or the primary key for a user's first code); the other is refused.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid userId, long step, bool exists)
    {
        if (exists)
        {
            return await db.TotpSteps.Where(s => s.UserId == userId && s.LastStep < step)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastStep, step)) == 1;
        }

        var first = db.TotpSteps.Add(new TotpStep { UserId = userId, LastStep = step });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request claimed the user's first step at the same moment; this one loses, as a replay would.
            return false;
        }
        finally
        {
            first.State = EntityState.Detached;
        }
    }
}

/// <summary>RFC 4648 base32 without padding, as Identity writes authenticator keys.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The key's bytes; empty for text that is not base32.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return [];
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
