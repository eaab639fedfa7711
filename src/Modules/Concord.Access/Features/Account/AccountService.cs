using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Admin;
using Concord.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Features.Account;

/// <summary>The browser's account operations; the rules are those of the REST login and <c>/me</c>.</summary>
internal sealed class AccountService(
    PasswordChecker passwords,
    SessionStore sessions,
    TotpPending pending,
    UserManager<AccessUser> users,
    UserService userService,
    AccessDbContext db) : IAccountService
{
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string? userName, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        pending.End(http);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 1024)
        {
            return new SignInOutcome(SignInStatus.Failed);
        }

        var ip = http.Connection.RemoteIpAddress;
        var check = await passwords.CheckAsync(userName.Trim(), password, ip);
        if (check.Status != PasswordStatus.Ok)
        {
            return Outcome(check);
        }

        var user = check.User!;
        if (user.TwoFactorEnabled)
        {
            pending.Start(http, user.Id, user.SecurityStamp);
            return new SignInOutcome(SignInStatus.TotpRequired);
        }

        await passwords.SignedInAsync(user, ip);
        await sessions.SignInAsync(http, user);
        return new SignInOutcome(SignInStatus.SignedIn, user.MustChangePassword);
    }

    public Task<SignInOutcome> CompleteTotpSignInAsync(HttpContext http, string? code, CancellationToken cancellationToken) =>
        CompleteSecondStepAsync(http, user => passwords.CheckTotpAsync(user, code, http.Connection.RemoteIpAddress));

    public Task<SignInOutcome> CompleteRecoveryCodeSignInAsync(HttpContext http, string? recoveryCode, CancellationToken cancellationToken) =>
        CompleteSecondStepAsync(http, user => passwords.CheckRecoveryCodeAsync(user, recoveryCode, http.Connection.RemoteIpAddress));

    private static SignInOutcome Outcome(PasswordCheck check) => check.Status switch
    {
        PasswordStatus.Throttled => new SignInOutcome(SignInStatus.Throttled, RetryAfter: check.RetryAfter),
        PasswordStatus.LockedOut => new SignInOutcome(SignInStatus.LockedOut, LockedOutUntil: check.LockedOutUntil),
        _ => new SignInOutcome(SignInStatus.Failed),
    };

    /// <summary>The second step, with an authenticator code or a recovery code: the same pending sign-in, throttle and lockout.</summary>
    private async Task<SignInOutcome> CompleteSecondStepAsync(HttpContext http, Func<AccessUser, Task<PasswordCheck>> checkAsync)
    {
        ArgumentNullException.ThrowIfNull(http);
        var started = pending.Read(http);
        var user = started is { } p ? await users.FindByIdAsync(p.UserId.ToString()) : null;
        if (user is null || user.Disabled || !user.TwoFactorEnabled || user.SecurityStamp != started!.Value.Stamp)
        {
            pending.End(http);
            return new SignInOutcome(SignInStatus.Failed);
        }

        var check = await checkAsync(user);
        if (check.Status != PasswordStatus.Ok)
        {
            if (check.Status == PasswordStatus.LockedOut)
            {
                pending.End(http);
            }

            return Outcome(check);
        }

        pending.End(http);
        await passwords.SignedInAsync(user, http.Connection.RemoteIpAddress);
        await sessions.SignInAsync(http, user);
        return new SignInOutcome(SignInStatus.SignedIn, user.MustChangePassword);
    }

    public bool HasPendingTotpSignIn(HttpContext http) => pending.Read(http) is not null;

    public Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        pending.End(http);
        return sessions.SignOutAsync(http);
    }

    public async Task<AccountInfo?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await FindCallerAsync(user);
        return found is null ? null : await DescribeAsync(found, cancellationToken);
    }

    public async Task<Result<AccountInfo>> ChangePasswordAsync(HttpContext http, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await FindCallerAsync(http.User);
        if (caller is null)
        {
            return Error.NotFound("The user");
        }

        var changed = await userService.ChangeOwnPasswordAsync(caller.Id, currentPassword, newPassword, cancellationToken);
        return changed.IsSuccess ? await RenewAsync(http, changed.Value!, cancellationToken) : changed.Error!;
    }

    public async Task<Result<AuthenticatorSetup>> BeginAuthenticatorSetupAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await FindCallerAsync(http.User);
        if (caller is null)
        {
            return Error.NotFound("The user");
        }

        if (caller.TwoFactorEnabled)
        {
            return Error.Conflict("totp-already-enabled", "An authenticator is already enabled; turn it off first to enrol a new one.");
        }

        var reset = await users.ResetAuthenticatorKeyAsync(caller);
        if (!reset.Succeeded)
        {
            return IdentityErrors.ToError(reset, "totp");
        }

        await RenewAsync(http, caller, cancellationToken);
        return (await DescribeKeyAsync(caller))!;
    }

    public async Task<AuthenticatorSetup?> GetPendingAuthenticatorAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = await FindCallerAsync(user);
        return caller is null || caller.TwoFactorEnabled ? null : await DescribeKeyAsync(caller);
    }

    public async Task<Result<IReadOnlyList<string>>> EnableAuthenticatorAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await FindCallerAsync(http.User);
        if (caller is { TwoFactorEnabled: true })
        {
            return Error.Conflict("totp-already-enabled", "The authenticator is already on.");
        }

        if (caller is null || await users.GetAuthenticatorKeyAsync(caller) is null)
        {
            return Error.Validation("code", "totp-not-started", "Start the enrolment first: a key is shown to add to your authenticator app.");
        }

        var digits = PasswordChecker.Normalize(code);
        if (digits is null || !await users.VerifyTwoFactorTokenAsync(caller, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return Error.Validation("code", "totp-invalid", "That code does not match the key; check the app's clock and enter the current six-digit code.");
        }

        var enabled = await users.SetTwoFactorEnabledAsync(caller, true);
        if (!enabled.Succeeded)
        {
            return IdentityErrors.ToError(enabled, "code");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(caller, RecoveryCodes.Count);
        await RenewAsync(http, caller, cancellationToken);
        return codes is null ? Error.Conflict("recovery-codes-failed", "The authenticator is on, but recovery codes could not be made; generate them again.") : codes.ToList();
    }

    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(HttpContext http, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await FindCallerAsync(http.User);
        if (caller is null)
        {
            return Error.NotFound("The user");
        }

        if (!caller.TwoFactorEnabled)
        {
            return Error.Validation("password", "totp-not-enabled", "Recovery codes stand in for an authenticator; turn one on first.");
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(caller, password))
        {
            return Error.Validation("password", "password-mismatch", "The password is wrong.");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(caller, RecoveryCodes.Count);
        return codes is null ? Error.Conflict("recovery-codes-failed", "Recovery codes could not be made; try again.") : codes.ToList();
    }

    public async Task<Result<AccountInfo>> DisableAuthenticatorAsync(HttpContext http, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await FindCallerAsync(http.User);
        if (caller is null)
        {
            return Error.NotFound("The user");
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(caller, password))
        {
            return Error.Validation("password", "password-mismatch", "The password is wrong.");
        }

        var disabled = await users.SetTwoFactorEnabledAsync(caller, false);
        // Identity keeps the key and the recovery codes as tokens under these names (UserStoreBase); removing them means a
        // new enrolment starts afresh and no old recovery code outlives the authenticator it stood in for.
        var forgotten = disabled.Succeeded ? await users.RemoveAuthenticationTokenAsync(caller, "[AspNetUserStore]", "AuthenticatorKey") : disabled;
        forgotten = forgotten.Succeeded ? await users.RemoveAuthenticationTokenAsync(caller, "[AspNetUserStore]", "RecoveryCodes") : forgotten;
        return forgotten.Succeeded ? await RenewAsync(http, caller, cancellationToken) : IdentityErrors.ToError(forgotten, "password");
    }

    /// <summary>The user behind a cookie or Basic session; API keys have no account to manage.</summary>
    private async Task<AccessUser?> FindCallerAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var caller = Caller.From(user);
        if (!caller.IsUserSession || user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var found = await users.FindByIdAsync(caller.UserId!.Value.ToString());
        return found is { Disabled: false } ? found : null;
    }

    /// <summary>After a change of the security stamp: this session continues on a fresh cookie, the others end.</summary>
    private async Task<AccountInfo> RenewAsync(HttpContext http, AccessUser user, CancellationToken cancellationToken)
    {
        var fresh = await users.FindByIdAsync(user.Id.ToString()) ?? user;
        await sessions.RenewAsync(http, fresh);
        return await DescribeAsync(fresh, cancellationToken);
    }

    private async Task<AccountInfo> DescribeAsync(AccessUser user, CancellationToken cancellationToken)
    {
        var organisation = user.OrganisationId is { } org
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var recoveryCodes = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return new AccountInfo(user.Id, user.UserName ?? "", user.Email, user.OrganisationId, organisation, user.Role, user.MustChangePassword,
            user.TwoFactorEnabled, recoveryCodes);
    }

    private async Task<AuthenticatorSetup?> DescribeKeyAsync(AccessUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        return key is null ? null : new AuthenticatorSetup(Group(key), OtpAuth.Uri("Concord", user.UserName ?? "", key));
    }

    private static string Group(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}
