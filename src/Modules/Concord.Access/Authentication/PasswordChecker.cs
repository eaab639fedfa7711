using Concord.Access.Data;
using Microsoft.AspNetCore.Identity;

namespace Concord.Access.Authentication;

internal enum PasswordStatus
{
    Ok,
    Failed,
    LockedOut,
}

/// <summary>The outcome of a password check; <see cref="User"/> is set only when the password was right.</summary>
internal readonly record struct PasswordCheck(AccessUser? User, PasswordStatus Status, DateTimeOffset? LockedOutUntil = null);

/// <summary>User name + password, and the authenticator code, with Identity's lockout; shared by Basic, the REST login and the UI.</summary>
internal sealed class PasswordChecker(UserManager<AccessUser> users, SignInManager<AccessUser> signIn)
{
    public async Task<PasswordCheck> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Hash anyway so an unknown user name takes as long as a wrong password.
            users.PasswordHasher.HashPassword(new AccessUser(), password);
            return new PasswordCheck(null, PasswordStatus.Failed);
        }

        if (user.Disabled)
        {
            return new PasswordCheck(null, PasswordStatus.Failed);
        }

        // With an authenticator on, a right password does not clear the failure count: only a right code does, so
        // guessing codes runs into the same lockout as guessing passwords.
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? new PasswordCheck(user, PasswordStatus.Ok)
            : result.IsLockedOut ? new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd)
            : new PasswordCheck(null, PasswordStatus.Failed);
    }

    /// <summary>Checks a code of the user's authenticator; a wrong one counts towards lockout like a wrong password.</summary>
    public async Task<PasswordCheck> CheckTotpAsync(AccessUser user, string? code)
    {
        return await CheckSecondFactorAsync(user, async () =>
            Normalize(code) is { } digits && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits));
    }

    /// <summary>
    /// Checks one of the user's recovery codes and uses it up; a wrong one counts towards lockout like a wrong code.
    /// For a user who has lost the authenticator: it stands in for the code, never for the password.
    /// </summary>
    public async Task<PasswordCheck> CheckRecoveryCodeAsync(AccessUser user, string? code)
    {
        return await CheckSecondFactorAsync(user, async () =>
            RecoveryCodes.Normalize(code) is { } clean && (await users.RedeemTwoFactorRecoveryCodeAsync(user, clean)).Succeeded);
    }

    /// <summary>The second step of a sign-in: refused while locked out; a right answer clears the failure count, a wrong one adds to it.</summary>
    private async Task<PasswordCheck> CheckSecondFactorAsync(AccessUser user, Func<Task<bool>> verify)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd);
        }

        if (await verify())
        {
            await users.ResetAccessFailedCountAsync(user);
            return new PasswordCheck(user, PasswordStatus.Ok);
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user)
            ? new PasswordCheck(null, PasswordStatus.LockedOut, user.LockoutEnd)
            : new PasswordCheck(null, PasswordStatus.Failed);
    }

    /// <summary>Six digits, allowing the spaces and dashes authenticator apps show; anything else is no code.</summary>
    public static string? Normalize(string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits is { Length: 6 } && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
