using System.Security.Cryptography;
using System.Text;
using Concord.Access.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Concord.Access.Authentication;

/// <summary>
/// Recovery codes: Identity generates them (<see cref="UserManager{TUser}.GenerateNewTwoFactorRecoveryCodesAsync"/>) and
/// redeems them once each, but its store keeps them in plain text. They are as good as a second factor, so only their
/// SHA-256 is kept. A plain hash suffices: the codes are random (about 47 bits), not chosen by people, and a wrong guess
/// counts towards the account's lockout.
/// </summary>
internal static class RecoveryCodes
{
    /// <summary>How many codes enrolment and regeneration hand out.</summary>
    public const int Count = 10;

    /// <summary>The code as typed, without the dash, spaces or case the page shows it with; null when it cannot be a code.</summary>
    public static string? Normalize(string? code)
    {
        var clean = code?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return clean is { Length: >= 8 and <= 32 } && clean.All(char.IsAsciiLetterOrDigit) ? clean : null;
    }

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code) ?? code)));
}

/// <summary>Identity's EF user store, with recovery codes kept as hashes (<see cref="RecoveryCodes"/>).</summary>
internal sealed class AccessUserStore(AccessDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<AccessUser, AccessDbContext, Guid>(context, describer)
{
    // Where UserStoreBase keeps them: the same token, so Identity's CountCodesAsync counts the hashes.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AccessUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(RecoveryCodes.Hash), cancellationToken);

    /// <summary>
    /// Removes the code's hash if present. Not saved here: Identity saves it with the user's new concurrency stamp, so of
    /// two requests redeeming the same code at once, the second fails on the stamp.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(AccessUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var hashes = (await GetTokenAsync(user, Provider, Name, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!hashes.Remove(RecoveryCodes.Hash(code)))
        {
            return false;
        }

        await SetTokenAsync(user, Provider, Name, string.Join(';', hashes), cancellationToken);
        return true;
    }
}
