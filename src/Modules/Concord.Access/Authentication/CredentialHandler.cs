using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// What the Bearer and Basic handlers share: the per-IP failure throttle, and challenges that answer 401/403/429
/// with problem details instead of empty bodies.
/// </summary>
internal abstract class CredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string ThrottledItem = "concord:auth-throttled";

    /// <summary>The credential, or null when the request carries none for this scheme.</summary>
    protected abstract string? ReadCredential();

    protected abstract Task<ClaimsIdentity?> CheckAsync(string credential);

    protected abstract string ChallengeHeader { get; }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credential = ReadCredential();
        if (credential is null)
        {
            return AuthenticateResult.NoResult();
        }

        var throttle = Context.RequestServices.GetRequiredService<AuthThrottle>();
        var ip = Context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(ip))
        {
            Context.Items[ThrottledItem] = true;
            return AuthenticateResult.Fail("Too many failed authentication attempts.");
        }

        var identity = await CheckAsync(credential);
        if (identity is null)
        {
            throttle.RecordFailure(ip);
            Log.AuthenticationFailed(Logger, Scheme.Name, ip?.ToString());
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            return AuthProblems.WriteTooManyAsync(Context, AuthThrottle.RetryAfter);
        }

        Response.Headers.WWWAuthenticate = ChallengeHeader;
        return AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "invalid-credentials",
            "The credentials are invalid, expired, revoked or locked out.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "insufficient-role",
            "Your role does not allow this action, or your password must be changed first.");
}

/// <summary>
/// <c>Authorization: Bearer ck_…</c>, or <c>Token ck_…</c>: the OASIS TAXII client (taxii2-client, which OpenCTI's and
/// MISP's TAXII connectors build on) offers token authentication only as <c>TokenAuth</c>, which sends that scheme.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator keys)
    : CredentialHandler(options, logger, encoder)
{
    protected override string ChallengeHeader => "Bearer error=\"invalid_token\"";

    protected override string? ReadCredential()
    {
        var header = Request.Headers.Authorization.ToString();
        return AuthenticationSetup.TokenSchemes.FirstOrDefault(s => header.StartsWith(s, StringComparison.OrdinalIgnoreCase)) is { } scheme
            ? header[scheme.Length..].Trim()
            : null;
    }

    protected override Task<ClaimsIdentity?> CheckAsync(string credential) =>
        keys.AuthenticateAsync(credential, Scheme.Name, Context.RequestAborted);
}
