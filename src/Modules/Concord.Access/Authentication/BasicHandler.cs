using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Concord.Access.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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
    PasswordChecker passwords)
    : CredentialHandler(options, logger, encoder)
{
    protected override string ChallengeHeader => "Basic realm=\"Concord\", charset=\"UTF-8\"";

    protected override string? ReadCredential()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? header["Basic ".Length..].Trim() : null;
    }

    protected override async Task<ClaimsIdentity?> CheckAsync(string credential)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
        if (ApiKeyFormat.LooksLikeKey(password))
        {
            return await keys.AuthenticateAsync(password, Scheme.Name, Context.RequestAborted);
        }

        var user = await passwords.CheckAsync(userName, password);
        return user is null ? null : AccessClaims.ForUser(user, Scheme.Name);
    }
}

/// <summary>User name + password with lockout; shared by Basic and the login endpoint.</summary>
internal sealed class PasswordChecker(UserManager<AccessUser> users, SignInManager<AccessUser> signIn)
{
    public async Task<AccessUser?> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Hash anyway so an unknown user name takes as long as a wrong password.
            users.PasswordHasher.HashPassword(new AccessUser(), password);
            return null;
        }

        if (user.Disabled)
        {
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? user : null;
    }
}
