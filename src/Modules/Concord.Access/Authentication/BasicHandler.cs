using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Concord.Access.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// <c>Authorization: Basic</c>, for TAXII clients and scripts: user name and password (with Identity's lockout), or
/// any user name and an API key as the password.
/// </summary>
internal sealed class BasicHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator keys,
    AuthThrottle throttle,
    PasswordChecker passwords)
    : CredentialHandler(options, logger, encoder)
{
    protected override string ChallengeHeader => "Basic realm=\"Concord\", charset=\"UTF-8\"";

    protected override string? ReadCredential()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? header["Basic ".Length..].Trim() : null;
    }

    protected override async Task<CredentialCheck> CheckAsync(string credential)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
        }
        catch (FormatException)
        {
            return default;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return default;
        }

        var (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
        if (ApiKeyFormat.LooksLikeKey(password))
        {
            return await ApiKeyHandler.CheckKeyAsync(keys, throttle, password, Scheme.Name, Context);
        }

        // An account with an authenticator cannot sign in with its password alone, and Basic has no room for the
        // code: such users script with API keys (which Basic also accepts, as the password).
        var address = Context.Connection.RemoteIpAddress;
        var check = await passwords.CheckAsync(userName, password, address);
        if (check.Status == PasswordStatus.Ok && !check.User!.TwoFactorEnabled)
        {
            await passwords.SignedInAsync(check.User, address);
            return new CredentialCheck(AccessClaims.ForUser(check.User, Scheme.Name));
        }

        return new CredentialCheck(null, check.RetryAfter);
    }
}
