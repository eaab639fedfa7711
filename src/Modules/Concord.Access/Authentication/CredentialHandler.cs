using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>The outcome of checking a credential: an identity, or none, and whether the caller must wait first.</summary>
internal readonly record struct CredentialCheck(ClaimsIdentity? Identity, TimeSpan? RetryAfter = null);

/// <summary>
/// What the Bearer and Basic handlers share: the failure brakes of <see cref="AuthThrottle"/>, and challenges that
/// answer 401/403/429 with problem details instead of empty bodies. A credential is always checked before any brake
/// answers for it, so a valid API key works whatever others sent from the same address.
/// </summary>
internal abstract class CredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Where a refused request keeps how long it must wait (TAXII answers its own 429 from it).</summary>
    internal const string ThrottledItem = "concord:auth-throttled";

    /// <summary>The credential, or null when the request carries none for this scheme.</summary>
    protected abstract string? ReadCredential();

    protected abstract Task<CredentialCheck> CheckAsync(string credential);

    protected abstract string ChallengeHeader { get; }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credential = ReadCredential();
        if (credential is null)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await CheckAsync(credential);
        if (check.Identity is null)
        {
            if (check.RetryAfter is { } wait)
            {
                Context.Items[ThrottledItem] = wait;
                return AuthenticateResult.Fail("Too many failed authentication attempts.");
            }

            Log.AuthenticationFailed(Logger, Scheme.Name, Context.Connection.RemoteIpAddress?.ToString());
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var identity = check.Identity;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            return AuthProblems.WriteTooManyAsync(Context, wait);
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
/// MISP's TAXII connectors build on) offers token authentication only as <c>TokenAuth</c>, which sends that scheme. On
/// endpoints marked <see cref="BareApiKey"/>, also the bare key (PyMISP's form).
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator keys, AuthThrottle throttle)
    : CredentialHandler(options, logger, encoder)
{
    protected override string ChallengeHeader => "Bearer error=\"invalid_token\"";

    protected override string? ReadCredential()
    {
        var header = Request.Headers.Authorization.ToString();
        return AuthenticationSetup.TokenSchemes.FirstOrDefault(s => header.StartsWith(s, StringComparison.OrdinalIgnoreCase)) is { } scheme
            ? header[scheme.Length..].Trim()
            : BareApiKey.Read(Context);
    }

    protected override async Task<CredentialCheck> CheckAsync(string credential) =>
        await CheckKeyAsync(keys, throttle, credential, Scheme.Name, Context);

    /// <summary>
    /// A key is checked first, always: a valid one is accepted whatever else came from the address. A wrong one counts
    /// towards the address's budget, and past it the answer is 429 (keys are random: there is nothing to guess, but
    /// the client should stop).
    /// </summary>
    internal static async Task<CredentialCheck> CheckKeyAsync(ApiKeyAuthenticator keys, AuthThrottle throttle, string key, string scheme, HttpContext http)
    {
        var identity = await keys.AuthenticateAsync(key, scheme, http.RequestAborted);
        if (identity is not null)
        {
            return new CredentialCheck(identity);
        }

        var blocked = throttle.AddressBlocked(http.Connection.RemoteIpAddress);
        throttle.RecordFailure(http.Connection.RemoteIpAddress);
        return new CredentialCheck(null, blocked);
    }
}
