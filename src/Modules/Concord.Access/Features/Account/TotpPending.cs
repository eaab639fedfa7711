using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Concord.Access.Features.Account;

/// <summary>
/// Between the password step and the code step of a sign-in: a short-lived, encrypted cookie naming the user and its
/// security stamp (so a password reset in between voids it). It grants nothing on its own.
/// </summary>
internal sealed class TotpPending(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "concord.2fa";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _protector = protection.CreateProtector("Concord.Access.TotpPending.v1");

    public void Start(HttpContext http, Guid userId, string? securityStamp)
    {
        var expires = time.GetUtcNow() + Lifetime;
        var payload = string.Join('|', userId.ToString("N"), securityStamp ?? "", expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload), Options(http));
    }

    public (Guid UserId, string Stamp)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            if (parts.Length == 3 && Guid.TryParse(parts[0], out var userId)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && time.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(expires))
            {
                return (userId, parts[1]);
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered with, or from before a key rotation: no pending sign-in.
        }

        return null;
    }

    public void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = Lifetime,
    };
}
