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
        group.MapPost("/logout", (Func<HttpContext, Task<NoContent>>)LogoutAsync).WithName("Logout").WithSummary("End the cookie session.");
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, PasswordChecker passwords, AuthThrottle throttle, MeDescriber me)
    {
        if ((Rules.Text(request.UserName, "userName", 256) ?? Rules.Text(request.Password, "password", 1024)) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var ip = http.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(ip))
        {
            http.Response.Headers.RetryAfter = ((int)AuthThrottle.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return AuthProblems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many failed sign-ins from this address; retry later.");
        }

        var check = await passwords.CheckAsync(request.UserName!.Trim(), request.Password!);
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
                ? await passwords.CheckTotpAsync(check.User, request.TotpCode)
                : await passwords.CheckRecoveryCodeAsync(check.User, request.RecoveryCode);
        }

        if (check.Status != PasswordStatus.Ok)
        {
            throttle.RecordFailure(ip);

            // One answer for unknown user, wrong password or code, locked or disabled account: no account enumeration.
            return AuthProblems.Unauthorized("invalid-credentials", "Wrong user name, password or code, or the account is locked or disabled.");
        }

        var user = check.User!;
        var principal = new ClaimsPrincipal(AccessClaims.ForUser(user, AccessSchemes.Cookie));
        await http.SignInAsync(AccessSchemes.Cookie, principal);
        return TypedResults.Ok(await me.DescribeAsync(principal, http.RequestAborted));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AccessSchemes.Cookie);
        return TypedResults.NoContent();
    }
}
