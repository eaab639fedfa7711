using System.Security.Claims;
using Concord.Platform;
using Microsoft.AspNetCore.Http;

namespace Concord.Access;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInStatus
{
    /// <summary>The session cookie is set.</summary>
    SignedIn,

    /// <summary>The password was right and the account has an authenticator: the code is asked next.</summary>
    TotpRequired,

    /// <summary>Unknown user, wrong password or code, disabled account, or an expired code step: one answer for all.</summary>
    Failed,

    /// <summary>Too many wrong passwords or codes in a row: the account is locked until <see cref="SignInOutcome.LockedOutUntil"/>.</summary>
    LockedOut,

    /// <summary>
    /// Too many failures for this user name from this address (or from this address): not checked; retry after
    /// <see cref="SignInOutcome.RetryAfter"/>. The same brakes as the REST login and Basic.
    /// </summary>
    Throttled,
}

public sealed record SignInOutcome(SignInStatus Status, bool MustChangePassword = false, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null);

/// <summary>The signed-in user as the account pages show it; <paramref name="RecoveryCodesLeft"/> counts unused recovery codes.</summary>
public sealed record AccountInfo(
    Guid UserId, string UserName, string? Email, Guid? OrganisationId, string? OrganisationName, Role Role, bool MustChangePassword, bool TotpEnabled,
    int RecoveryCodesLeft = 0);

/// <summary>A new authenticator key: <paramref name="SharedKey"/> for typing in (groups of four), <paramref name="OtpAuthUri"/> for QR codes.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string OtpAuthUri);

/// <summary>
/// The browser's own account: cookie sign-in with the same password check, lockout and per-address limits as
/// <c>POST /api/v1/auth/login</c>, a second step for accounts with an authenticator (TOTP), password change and
/// authenticator enrolment. For in-process callers that hold the request (the web UI).
/// </summary>
public interface IAccountService
{
    /// <summary>Checks the password; on success either signs in or, for an account with an authenticator, starts the code step.</summary>
    Task<SignInOutcome> SignInAsync(HttpContext http, string? userName, string? password, CancellationToken cancellationToken);

    /// <summary>
    /// The code step: valid for a few minutes after the password step, in the same browser. Each code signs in once:
    /// a code already used (even within its 30 seconds) fails like a wrong one.
    /// </summary>
    Task<SignInOutcome> CompleteTotpSignInAsync(HttpContext http, string? code, CancellationToken cancellationToken);

    /// <summary>The code step with one of the account's recovery codes instead (for a lost authenticator); the code is used up.</summary>
    Task<SignInOutcome> CompleteRecoveryCodeSignInAsync(HttpContext http, string? recoveryCode, CancellationToken cancellationToken);

    /// <summary>Whether this browser is between the password step and the code step.</summary>
    bool HasPendingTotpSignIn(HttpContext http);

    Task SignOutAsync(HttpContext http);

    /// <summary>The signed-in user (a user session, not an API key); null otherwise.</summary>
    Task<AccountInfo?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>Changes the caller's password; the session continues on a new cookie, other sessions end.</summary>
    Task<Result<AccountInfo>> ChangePasswordAsync(HttpContext http, string? currentPassword, string? newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// A fresh authenticator key for the caller, not active until <see cref="EnableAuthenticatorAsync"/> confirms a code
    /// from it. (A new key changes the security stamp: this session continues on a new cookie, others end.)
    /// </summary>
    Task<Result<AuthenticatorSetup>> BeginAuthenticatorSetupAsync(HttpContext http, CancellationToken cancellationToken);

    /// <summary>The key shown by the last <see cref="BeginAuthenticatorSetupAsync"/>, if any, so a page can show it again.</summary>
    Task<AuthenticatorSetup?> GetPendingAuthenticatorAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// Turns the authenticator on after checking one of its codes; other sessions end. Returns the account's new
    /// recovery codes, to be shown this once: only their hashes are kept.
    /// </summary>
    Task<Result<IReadOnlyList<string>>> EnableAuthenticatorAsync(HttpContext http, string? code, CancellationToken cancellationToken);

    /// <summary>New recovery codes (the password is asked again); the old ones stop working. Shown this once.</summary>
    Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(HttpContext http, string? password, CancellationToken cancellationToken);

    /// <summary>Turns the authenticator off (the password is asked again), forgets its key and recovery codes; other sessions end.</summary>
    Task<Result<AccountInfo>> DisableAuthenticatorAsync(HttpContext http, string? password, CancellationToken cancellationToken);
}

/// <summary>What other modules may read from a Concord identity without knowing its claim types.</summary>
public static class AccessIdentity
{
    /// <summary>Signed in with a one-time password that must be changed before anything else.</summary>
    public static bool MustChangePassword(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == Authentication.AccessClaims.MustChangePassword);
    }

    /// <summary>A user's own session (cookie or Basic password), as opposed to an API key.</summary>
    public static bool IsUserSession(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Authentication.Caller.From(user).IsUserSession;
    }

    /// <summary>The role the identity carries (read-only when it carries none).</summary>
    public static Role RoleOf(ClaimsPrincipal user) => Authentication.Caller.From(user).Role;

    public static Guid? OrganisationOf(ClaimsPrincipal user) => Authentication.Caller.From(user).OrganisationId;

    /// <summary>
    /// The request's credentials were not checked because of too many failures (for that user name from that address, or
    /// from that address): how long the client must wait. Interfaces with their own error format (TAXII) answer 429 with it.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[Authentication.CredentialHandler.ThrottledItem] as TimeSpan?;
    }
}

/// <summary>Rate-limiter policy names other modules may put on endpoints.</summary>
public static class AccessRateLimits
{
    /// <summary>Sign-in attempts per client address (<c>Concord:Access:LoginPermitsPerMinute</c>); only POSTs count.</summary>
    public const string Login = Authentication.AuthenticationSetup.LoginRateLimit;
}
