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
/// Peer nodes (connected nodes), for node admins: register one by name (its key is in the creation response only),
/// list them, revoke one. A peer's key reads as a <see cref="PrincipalKind.PeerNode"/>.
/// </summary>
internal static class PeerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/peers").WithTags("Peer nodes");
        group.MapGet("/", ListAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.ListPeerNodes)).WithName("ListPeerNodes").WithSummary("List the registered peer nodes (never their keys).");
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.CreatePeerNode)).WithName("CreatePeerNode").WithSummary("Register a peer node; its key is shown in this response only.");
        group.MapPost("/{id:guid}/revoke", RevokeAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.RevokePeerNode)).WithName("RevokePeerNode").WithSummary("Revoke a peer node; its key stops working at once.");
    }

    private static async Task<Results<Ok<List<PeerNodeInfo>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, PeerNodeService peers, CancellationToken cancellationToken)
    {
        var listed = await peers.ListAsync(Caller.From(user), cancellationToken);
        return listed.ToOk();
    }

    private static async Task<Results<Created<CreatedPeerNode>, ProblemHttpResult>> CreateAsync(
        CreatePeerNodeRequest request, ClaimsPrincipal user, PeerNodeService peers, CancellationToken cancellationToken)
    {
        var created = await peers.CreateAsync(Caller.From(user), request.Name, cancellationToken);
        return created.IsSuccess ? TypedResults.Created($"peers/{created.Value!.Peer.Id}", created.Value) : created.Error!.ToProblem();
    }

    private static async Task<Results<Ok<PeerNodeInfo>, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal user, PeerNodeService peers, CancellationToken cancellationToken)
    {
        var revoked = await peers.RevokeAsync(Caller.From(user), id.ToString(), cancellationToken);
        return revoked.ToOk();
    }
}
