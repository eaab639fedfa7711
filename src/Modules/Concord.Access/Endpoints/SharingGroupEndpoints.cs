using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Features.Admin;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>
/// Sharing groups: members see the groups their organisation is in (others answer 404); the owner organisation's
/// admins (and node admins) create, rename, change the members of and delete them.
/// </summary>
internal static class SharingGroupEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/sharing-groups").WithTags("Sharing groups").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ListAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.ListSharingGroups)).WithName("ListSharingGroups").WithSummary("List the sharing groups your organisation belongs to.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.GetSharingGroup)).WithName("GetSharingGroup").WithSummary("Get a sharing group your organisation belongs to.");
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.CreateSharingGroup))
            .WithName("CreateSharingGroup").WithSummary("Create a sharing group owned by your organisation.");
        group.MapPatch("/{id:guid}", RenameAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.RenameSharingGroup))
            .WithName("UpdateSharingGroup").WithSummary("Rename a group your organisation owns.");
        group.MapPost("/{id:guid}/members", AddMemberAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.AddGroupMember))
            .WithName("AddSharingGroupMember").WithSummary("Add an organisation to a group your organisation owns.");
        group.MapDelete("/{id:guid}/members/{organisationId:guid}", RemoveMemberAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.RemoveGroupMember))
            .WithName("RemoveSharingGroupMember").WithSummary("Remove an organisation from a group your organisation owns.");
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.DeleteSharingGroup))
            .WithName("DeleteSharingGroup").WithSummary("Delete a group your organisation owns; refused (409) while records are still shared into it.");
    }

    private static async Task<Results<Ok<List<SharingGroupResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken)
    {
        var listed = await groups.ListAsync(Caller.From(user), cancellationToken);
        return listed.IsSuccess ? TypedResults.Ok(listed.Value!.Select(SharingGroupResponse.From).ToList()) : listed.Error!.ToProblem();
    }

    private static async Task<Results<Ok<SharingGroupResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken) =>
        Respond(await groups.GetAsync(Caller.From(user), id, cancellationToken));

    private static async Task<Results<Created<SharingGroupResponse>, ProblemHttpResult>> CreateAsync(
        CreateSharingGroupRequest request, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (caller.OrganisationId is not { } owner)
        {
            return Error.Validation("ownerOrgId", "organisation-required", "A sharing group is owned by an organisation; you belong to none.").ToProblem();
        }

        var created = await groups.CreateAsync(caller, new NewSharingGroup(owner, request.Name ?? "", request.Members), cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"sharing-groups/{created.Value!.Id}", SharingGroupResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    private static async Task<Results<Ok<SharingGroupResponse>, ProblemHttpResult>> RenameAsync(
        Guid id, UpdateSharingGroupRequest request, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken) =>
        Respond(await groups.RenameAsync(Caller.From(user), id, request.Name, cancellationToken));

    private static async Task<Results<Ok<SharingGroupResponse>, ProblemHttpResult>> AddMemberAsync(
        Guid id, GroupMemberRequest request, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken) =>
        request.OrganisationId is { } org
            ? Respond(await groups.AddMemberAsync(Caller.From(user), id, org, cancellationToken))
            : Error.Validation("organisationId", "required", "'organisationId' is required.").ToProblem();

    private static async Task<Results<Ok<SharingGroupResponse>, ProblemHttpResult>> RemoveMemberAsync(
        Guid id, Guid organisationId, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken) =>
        Respond(await groups.RemoveMemberAsync(Caller.From(user), id, organisationId, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, SharingGroupService groups, CancellationToken cancellationToken)
    {
        var deleted = await groups.DeleteAsync(Caller.From(user), id, cancellationToken);
        return deleted.IsSuccess ? TypedResults.NoContent() : deleted.Error!.ToProblem();
    }

    private static Results<Ok<SharingGroupResponse>, ProblemHttpResult> Respond(Result<SharingGroupInfo> result) =>
        result.IsSuccess ? TypedResults.Ok(SharingGroupResponse.From(result.Value!)) : result.Error!.ToProblem();
}
