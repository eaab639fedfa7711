using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Teams.Endpoints;

/// <summary>A team's constituency routing choices (its members read them, its admins change them).</summary>
internal static class RoutingEndpoints
{
    public static void MapRoutingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/directory").WithTags("Directory").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/teams/{organisationId:guid}/routing", GetAsync).WithName("GetTeamRouting")
            .WithSummary("Which records naming a value in the team's constituency it is told of, per kind (its members and the secretariat).");
        group.MapPut("/teams/{organisationId:guid}/routing", SetAsync).WithName("SetTeamRouting")
            .WithSummary("Choose the kinds of record the team is not told of (`optOut`, replaced whole; its admins or the secretariat); an unknown kind is refused and nothing changes.");
    }

    private static async Task<Results<Ok<RoutingSettings>, ProblemHttpResult>> GetAsync(
        Guid organisationId, ClaimsPrincipal user, IPrincipalResolver principals, IConstituencyRouting routing, CancellationToken cancellationToken)
    {
        var result = await routing.GetAsync(await principals.ResolveAsync(user, cancellationToken), organisationId, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<RoutingSettings>, ProblemHttpResult>> SetAsync(
        Guid organisationId, RoutingSettingsUpdate update, ClaimsPrincipal user, IPrincipalResolver principals, IConstituencyRouting routing, CancellationToken cancellationToken)
    {
        var result = await routing.SetAsync(await principals.ResolveAsync(user, cancellationToken), organisationId, update, cancellationToken);
        return result.ToOk();
    }
}
