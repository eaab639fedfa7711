using System.Security.Claims;
using Concord.Access.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Access.Authentication;

/// <summary>
/// The session cookie of the browser UI. An API answers 401/403 instead of redirecting, and every request re-reads
/// the user so a disabled account, a reset password (new security stamp) or a changed role takes effect at once.
/// </summary>
internal sealed class CookieEvents : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "authentication-required",
            "Sign in (POST /api/v1/auth/login), or send an API key as 'Authorization: Bearer ck_…' or Basic credentials.");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "insufficient-role",
            "Your role does not allow this action, or your password must be changed first.");

    /// <summary>
    /// Every sign-in (browser or <c>POST /auth/login</c>, after any second factor) ends in this cookie: the one place to
    /// record when the user last signed in. A new cookie for the session's own user (after a password change) is a
    /// renewal, not a sign-in.
    /// </summary>
    public override async Task SigningIn(CookieSigningInContext context)
    {
        var id = context.Principal?.FindFirstValue(AccessClaims.Subject);
        if (Guid.TryParse(id, out var userId) && context.HttpContext.User.FindFirstValue(AccessClaims.Subject) != id)
        {
            var services = context.HttpContext.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await services.GetRequiredService<AccessDbContext>().Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now), context.HttpContext.RequestAborted);
        }
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(AccessClaims.Subject);
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AccessUser>>();
        var user = id is null ? null : await users.FindByIdAsync(id);
        var session = SessionStore.SessionOf(context.Principal);
        if (user is null || user.Disabled || user.SecurityStamp != context.Principal!.FindFirstValue(AccessClaims.SecurityStamp)
            || session is not { } sid
            || !await services.GetRequiredService<SessionStore>().IsOpenAsync(sid, user.Id, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
            return;
        }

        context.ReplacePrincipal(new ClaimsPrincipal(AccessClaims.ForUser(user, AccessSchemes.Cookie, sid)));
    }
}
