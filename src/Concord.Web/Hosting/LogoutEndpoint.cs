using Concord.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Web.Hosting;

/// <summary><c>POST /logout</c>: a form post with the antiforgery token (a link could be triggered by another site).</summary>
internal static class LogoutEndpoint
{
    public static void MapLogout(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, IAccountService accounts) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }

            await accounts.SignOutAsync(http);
            return Results.Redirect("/login?signedOut=true");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
}
