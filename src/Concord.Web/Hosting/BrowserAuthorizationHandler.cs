using Concord.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Concord.Web.Hosting;

/// <summary>
/// For the UI's pages, authorization failures become navigation: anonymous → the sign-in page (coming back after),
/// a one-time password still to change → the password page, a role too low → a 403 page. API endpoints keep the
/// Access module's problem-details answers.
/// </summary>
internal sealed class BrowserAuthorizationHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // No endpoint matched: nothing to protect, and the fallback policy must not turn every unknown URL into a
        // sign-in prompt. It goes on to answer 404.
        if (!authorizeResult.Succeeded && context.GetEndpoint() is null)
        {
            return next(context);
        }

        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
        }
        else if (AccessIdentity.MustChangePassword(user))
        {
            context.Response.Redirect("/account/password");
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }
}
