using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>The alliance's member organisations: every member reads the directory; the secretariat maintains it.</summary>
internal static class OrganisationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/organisations").WithTags("Organisations").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ListAsync).WithName("ListOrganisations").WithSummary("List the member organisations on this node.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOrganisation").WithSummary("Get one organisation.");
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.CreateOrganisation))
            .WithName("CreateOrganisation").WithSummary("Admit an organisation (secretariat, node admin).");
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.UpdateOrganisation))
            .WithName("UpdateOrganisation").WithSummary("Change an organisation's details (secretariat, node admin).");
    }

    private static async Task<Ok<List<OrganisationResponse>>> ListAsync(OrganisationService organisations, CancellationToken cancellationToken) =>
        TypedResults.Ok((await organisations.ListAsync(cancellationToken)).Select(OrganisationResponse.From).ToList());

    private static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, OrganisationService organisations, CancellationToken cancellationToken) =>
        await organisations.FindAsync(id, cancellationToken) is { } o
            ? TypedResults.Ok(OrganisationResponse.From(o))
            : Error.NotFound("The organisation").ToProblem();

    private static async Task<Results<Created<OrganisationResponse>, ProblemHttpResult>> CreateAsync(
        OrganisationRequest request, ClaimsPrincipal user, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var parsed = Parse(request);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!.ToProblem();
        }

        var c = parsed.Value!;
        var created = await organisations.CreateAsync(Caller.From(user),
            new NewOrganisation(c.Name ?? "", c.Country ?? "", c.Type ?? (OrganisationType)(-1), c.Sector, c.DefaultTlp ?? Tlp.Amber), cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"organisations/{created.Value!.Id}", OrganisationResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    private static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, OrganisationRequest request, ClaimsPrincipal user, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var parsed = Parse(request);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!.ToProblem();
        }

        var updated = await organisations.UpdateAsync(Caller.From(user), id, parsed.Value!, cancellationToken);
        return updated.IsSuccess ? TypedResults.Ok(OrganisationResponse.From(updated.Value!)) : updated.Error!.ToProblem();
    }

    private static Result<OrganisationChanges> Parse(OrganisationRequest request)
    {
        OrganisationType? type = null;
        if (request.Type is not null)
        {
            if (!AccessNames.TryParseType(request.Type, out var t))
            {
                return Error.Validation("type", "enum", $"'type' must be one of: {AccessNames.Types}.");
            }

            type = t;
        }

        Tlp? tlp = null;
        if (request.DefaultTlp is not null)
        {
            if (!Distribution.TryParseTlp(request.DefaultTlp, out var l))
            {
                return Error.Validation("defaultTlp", "tlp-label", "'defaultTlp' must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
            }

            tlp = l;
        }

        return new OrganisationChanges(request.Name, request.Country, type, request.Sector, tlp);
    }
}
