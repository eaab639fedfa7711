using System.Net;
using Concord.Access.Data;
using Concord.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace Concord.Access.Authentication;

internal enum PasswordStatus
{
    Ok,
    Failed,
    LockedOut,

    /// <summary>Not checked: this user name from this address (or this address) must wait <see cref="PasswordCheck.RetryAfter"/>.</summary>
    Throttled,
}

/// <summary>The outcome of a password check; <see cref="User"/> is set only when the password was right.</summary>
internal readonly record struct PasswordCheck(AccessUser? User, PasswordStatus Status, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null);

/// <summary>
/// User name + password, and the authenticator code, for Basic, the REST login and the UI alike: the brakes of
/// <see cref="AuthThrottle"/> (per user and address, per address) and Identity's account lockout, which an address the
/// user has signed in from before is spared. A right password is remembered briefly (<see cref="PasswordCache"/>).
/// Callers report a complete sign-in with <see cref="SignedInAsync"/>: only then does the address count as the user's own.
/// </summary>
internal sealed class PasswordChecker(UserManager<AccessUser> users, AuthThrottle throttle, PasswordCache cache, IAuditTrail audit)
{
    public async Task<PasswordCheck> CheckAsync(string userName, string password, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (throttle.Blocked(userName, address) is { } wait)
        {
            return new PasswordCheck(null, PasswordStatus.Throttled, RetryAfter: wait);
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null || user.Disabled)
        {
            // Hash anyway so an unknown user name takes as long as a wrong password.
            users.PasswordHasher.HashPassword(new AccessUser(), password);
            throttle.RecordFailure(userName, address);

            // Not the name tried (personal data, and often a password typed into the wrong field): that there was one.
            await audit.RecordAsync(new AuditEvent(AccessAuditActions.SignInFailed, Detail: user is null ? "unknown account" : "disabled account", Succeeded: false), CancellationToken.None);
            return new PasswordCheck(null, PasswordStatus.Failed);
        }

        var known = throttle.IsKnown(userName, address);
        if (!known && await users.IsLockedOutAsync(user))
        {
            throttle.RecordFailure(userName, address);
            await FailedAsync(user, "locked out");
            return new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd);
        }

        if (cache.Matches(user, password) || await users.CheckPasswordAsync(user, password))
        {
            cache.Remember(user, password);
            return new PasswordCheck(user, PasswordStatus.Ok);
        }

        return await FailAsync(user, userName, address, known);
    }

    /// <summary>Checks a code of the user's authenticator; a wrong one counts like a wrong password.</summary>
    public async Task<PasswordCheck> CheckTotpAsync(AccessUser user, string? code, IPAddress? address)
    {
        return await CheckSecondFactorAsync(user, address, async () =>
            Normalize(code) is { } digits && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits));
    }

    /// <summary>
    /// Checks one of the user's recovery codes and uses it up; a wrong one counts like a wrong code.
    /// For a user who has lost the authenticator: it stands in for the code, never for the password.
    /// </summary>
    public async Task<PasswordCheck> CheckRecoveryCodeAsync(AccessUser user, string? code, IPAddress? address)
    {
        return await CheckSecondFactorAsync(user, address, async () =>
            RecoveryCodes.Normalize(code) is { } clean && (await users.RedeemTwoFactorRecoveryCodeAsync(user, clean)).Succeeded);
    }

    /// <summary>
    /// A sign-in completed with every factor: the failure counts start afresh and the address is the user's own. With an
    /// authenticator on, a right password alone does not get here, so guessing codes runs into the same brakes.
    /// </summary>
    public async Task SignedInAsync(AccessUser user, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(user);
        throttle.RecordSuccess(user.UserName ?? "", address);
        if (user.AccessFailedCount > 0 && !await users.IsLockedOutAsync(user))
        {
            await users.ResetAccessFailedCountAsync(user);
        }
    }

    /// <summary>The second step of a sign-in, under the same brakes as the password.</summary>
    private async Task<PasswordCheck> CheckSecondFactorAsync(AccessUser user, IPAddress? address, Func<Task<bool>> verify)
    {
        var userName = user.UserName ?? "";
        if (throttle.Blocked(userName, address) is { } wait)
        {
            return new PasswordCheck(null, PasswordStatus.Throttled, RetryAfter: wait);
        }

        var known = throttle.IsKnown(userName, address);
        if (!known && await users.IsLockedOutAsync(user))
        {
            return new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd);
        }

        return await verify() ? new PasswordCheck(user, PasswordStatus.Ok) : await FailAsync(user, userName, address, known, "wrong code");
    }

    private async Task<PasswordCheck> FailAsync(AccessUser user, string userName, IPAddress? address, bool known, string reason = "wrong password")
    {
        throttle.RecordFailure(userName, address);
        await users.AccessFailedAsync(user);
        var lockedOut = !known && await users.IsLockedOutAsync(user);
        await FailedAsync(user, lockedOut ? $"{reason}, now locked out" : reason);
        return lockedOut ? new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd) : new PasswordCheck(null, PasswordStatus.Failed);
    }

    /// <summary>A failed sign-in on an account: the account's owner sees it among their sign-ins, its admins in the trail.</summary>
    private Task FailedAsync(AccessUser user, string reason) =>
        audit.RecordAsync(new AuditEvent(AccessAuditActions.SignInFailed, "user", user.Id.ToString(), user.OrganisationId, reason, Succeeded: false), CancellationToken.None);

    /// <summary>Six digits, allowing the spaces and dashes authenticator apps show; anything else is no code.</summary>
    public static string? Normalize(string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits is { Length: 6 } && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
