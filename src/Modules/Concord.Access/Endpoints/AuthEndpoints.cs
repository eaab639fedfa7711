using System.Globalization;
using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>Browser sign-in: a session cookie for the UI. Scripts and TAXII clients use API keys or Basic instead.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/auth").WithTags("Authentication").AllowAnonymous();
        group.MapPost("/login", LoginAsync).RequireRateLimiting(AuthenticationSetup.LoginRateLimit)
            .WithName("Login").WithSummary("Sign in with user name and password (and the authenticator code when enabled); sets the session cookie.");
        group.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("End the cookie session, on the server too: a copy of the cookie stops working.");
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, PasswordChecker passwords, SessionStore sessions, MeDescriber me)
    {
        if ((Rules.Text(request.UserName, "userName", 256) ?? Rules.Text(request.Password, "password", 1024)) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var ip = http.Connection.RemoteIpAddress;
        var check = await passwords.CheckAsync(request.UserName!.Trim(), request.Password!, ip);
        if (check.Status == PasswordStatus.Ok && check.User!.TwoFactorEnabled)
        {
            // The password was right; the authenticator's code (or, for a lost one, a recovery code) is the second factor.
            // The same lockout counts wrong codes; a code already used does not sign in again.
            if (request.TotpCode is null && request.RecoveryCode is null)
            {
                return AuthProblems.Unauthorized("totp-required",
                    "This account has an authenticator: send its current six-digit code as 'totpCode' (or a recovery code as 'recoveryCode').");
            }

            check = request.TotpCode is not null
                ? await passwords.CheckTotpAsync(check.User, request.TotpCode, ip)
                : await passwords.CheckRecoveryCodeAsync(check.User, request.RecoveryCode, ip);
        }

        if (check.Status == PasswordStatus.Throttled)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(check.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return AuthProblems.Create(StatusCodes.Status429TooManyRequests, "rate-limited",
                "Too many failed sign-ins for this user name from this address, or from this address; retry after the time in Retry-After.");
        }

        if (check.Status != PasswordStatus.Ok)
        {
            // One answer for unknown user, wrong password or code, locked or disabled account: no account enumeration.
            return AuthProblems.Unauthorized("invalid-credentials", "Wrong user name, password or code, or the account is locked or disabled.");
        }

        var user = check.User!;
        await passwords.SignedInAsync(user, ip);
        var principal = await sessions.SignInAsync(http, user);
        return TypedResults.Ok(await me.DescribeAsync(principal, http.RequestAborted));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, SessionStore sessions)
    {
        await sessions.SignOutAsync(http);
        return TypedResults.NoContent();
    }
}
