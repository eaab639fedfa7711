using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Teams.Endpoints;

/// <summary>The team directory and "whose is this?" (signed-in members of the alliance).</summary>
internal static class TeamEndpoints
{
    public static void MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/directory").WithTags("Directory").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/teams", ListAsync).WithName("ListTeams")
            .WithSummary("The alliance's teams, filtered by name, country (home or constituency), region, sector or team type.");
        group.MapGet("/teams/{organisationId:guid}", GetAsync).WithName("GetTeam").WithSummary("One team's profile, constituency and contacts.");
        group.MapPut("/teams/{organisationId:guid}", UpdateAsync).WithName("UpdateTeam")
            .WithSummary("Replace a team's profile (its organisation's admins or the secretariat); the first value refused is named and nothing changes.");
        group.MapGet("/whose", WhoseAsync).WithName("Whose")
            .WithSummary("Whose is this? The teams whose constituency holds an IP address or network, domain, URL host, e-mail domain or AS number, most specific first.");
    }

    private static async Task<Results<Ok<IReadOnlyList<TeamProfile>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, ITeamDirectory directory, CancellationToken cancellationToken,
        string? q = null, string? country = null, string? region = null, string? sector = null, string? type = null)
    {
        TeamType? teamType = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!TeamTypes.TryParse(type, out var parsed))
            {
                return Error.Validation("type", "team-type", $"'{type}' is not a team type; one of: {string.Join(", ", Enum.GetValues<TeamType>().Select(TeamTypes.Name))}.").ToProblem();
            }

            teamType = parsed;
        }

        var result = await directory.ListAsync(await principals.ResolveAsync(user, cancellationToken), new TeamQuery(q, country, region, sector, teamType), cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<TeamProfile>, ProblemHttpResult>> GetAsync(
        Guid organisationId, ClaimsPrincipal user, IPrincipalResolver principals, ITeamDirectory directory, CancellationToken cancellationToken)
    {
        var result = await directory.GetAsync(await principals.ResolveAsync(user, cancellationToken), organisationId, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<TeamProfile>, ProblemHttpResult>> UpdateAsync(
        Guid organisationId, TeamProfileUpdate update, ClaimsPrincipal user, IPrincipalResolver principals, ITeamDirectory directory, CancellationToken cancellationToken)
    {
        var result = await directory.UpdateAsync(await principals.ResolveAsync(user, cancellationToken), organisationId, update, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<WhoseAnswer>, ProblemHttpResult>> WhoseAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, ITeamDirectory directory, CancellationToken cancellationToken, string? value = null)
    {
        var result = await directory.WhoseAsync(await principals.ResolveAsync(user, cancellationToken), value, cancellationToken);
        return result.ToOk();
    }
}
