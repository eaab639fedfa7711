using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>The requirement behind <see cref="AccessPolicies.PublicReader"/>.</summary>
internal sealed class PublicReadRequirement : IAuthorizationRequirement;

/// <summary>
/// A reader passes; a caller without credentials passes only while the node allows anonymous public reads. "Without
/// credentials" means no <c>Authorization</c> header at all: a refused key or password must not quietly read less, and
/// a signed-in user who still has to change a one-time password is not anonymous (the page sends them to change it).
/// </summary>
internal sealed class PublicReadHandler(IOptionsMonitor<AccessOptions> options, IHttpContextAccessor accessor) : AuthorizationHandler<PublicReadRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PublicReadRequirement requirement)
    {
        if (AuthenticationSetup.IsReader(context.User) || (options.CurrentValue.AnonymousPublicReads && IsStranger(context)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool IsStranger(AuthorizationHandlerContext context)
    {
        // Pages are authorized twice: by the middleware (the resource is the request) and by the router (the route data).
        var http = context.Resource as HttpContext ?? accessor.HttpContext;
        return context.User.Identity?.IsAuthenticated != true && http is not null && string.IsNullOrEmpty(http.Request.Headers.Authorization);
    }
}
