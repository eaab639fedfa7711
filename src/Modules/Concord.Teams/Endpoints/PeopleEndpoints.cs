using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Teams.Endpoints;

/// <summary>
/// A team's people (personal data, signed-in members only; the team's admins keep them, and a person acts on their own
/// entry through the account with the same e-mail address). Members read people in the team's profile.
/// </summary>
internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/directory/teams/{organisationId:guid}/people").WithTags("Directory").RequireAuthorization(AccessPolicies.Member);
        group.MapPost("/", AddAsync).WithName("AddTeamPerson")
            .WithSummary("Add a person to a team (its organisation's admins or the secretariat): name, role, e-mail, phone and an optional OpenPGP key.");
        group.MapPut("/{personId:guid}", UpdateAsync).WithName("UpdateTeamPerson")
            .WithSummary("Replace a person's entry (the person, their organisation's admins or the secretariat); the first value refused is named and nothing changes.");
        group.MapDelete("/{personId:guid}", EraseAsync).WithName("EraseTeamPerson")
            .WithSummary("Erase a person (the person, their organisation's admins or the secretariat): removed everywhere; the audit trail keeps only the opaque id.");
        group.MapGet("/{personId:guid}/export", ExportAsync).WithName("ExportTeamPerson")
            .WithSummary("Everything the node holds about a person, as JSON (the person or their organisation's admins).");
    }

    private static async Task<Results<Created<TeamPerson>, ProblemHttpResult>> AddAsync(
        Guid organisationId, PersonUpdate person, ClaimsPrincipal user, IPrincipalResolver principals, ITeamPeople people, CancellationToken cancellationToken)
    {
        var result = await people.AddAsync(await principals.ResolveAsync(user, cancellationToken), organisationId, person, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/directory/teams/{organisationId}/people/{result.Value!.Id}", result.Value)
            : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<TeamPerson>, ProblemHttpResult>> UpdateAsync(
        Guid organisationId, Guid personId, PersonUpdate person, ClaimsPrincipal user, IPrincipalResolver principals, IAccessDirectory access, ITeamPeople people,
        CancellationToken cancellationToken)
    {
        var result = await people.UpdateAsync(await principals.ResolveAsync(user, cancellationToken), access.UserIdOf(user), organisationId, personId, person, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(
        Guid organisationId, Guid personId, ClaimsPrincipal user, IPrincipalResolver principals, IAccessDirectory access, ITeamPeople people, CancellationToken cancellationToken)
    {
        var result = await people.EraseAsync(await principals.ResolveAsync(user, cancellationToken), access.UserIdOf(user), organisationId, personId, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<PersonExport>, ProblemHttpResult>> ExportAsync(
        Guid organisationId, Guid personId, ClaimsPrincipal user, IPrincipalResolver principals, IAccessDirectory access, ITeamPeople people, HttpContext http,
        CancellationToken cancellationToken)
    {
        var result = await people.ExportAsync(await principals.ResolveAsync(user, cancellationToken), access.UserIdOf(user), organisationId, personId, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        // A download, never cached: personal data.
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"person-{personId}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(result.Value!);
    }
}
