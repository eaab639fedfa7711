using System.ComponentModel;
using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Federation.Endpoints;

/// <summary>The node's description (members and peers) and its peers (node admins).</summary>
internal static class FederationEndpoints
{
    public static void MapFederationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/federation").WithTags("Federation");
        group.MapGet("/node", DescribeAsync).RequireAuthorization(AccessPolicies.Reader).WithName("DescribeNode")
            .WithSummary("This node among its peers: its id and name, the TAXII collection a peer pulls, and the organisations it hosts.");

        group.MapGet("/withdrawals", WithdrawalsAsync).RequireAuthorization(AccessPolicies.Reader).WithName("ListWithdrawals")
            .WithSummary("What the caller could read here and may no longer hold, after a position (a time in microseconds): deleted versions, and copies their owner narrowed beyond the caller. Without 'after', the caller's position now, to start from.");

        group.MapGet("/changes", WaitForChangeAsync).RequireAuthorization(AccessPolicies.Reader).WithName("WaitForChange")
            .WithSummary("A long poll: answers the caller's position (when the last change it can see happened, in microseconds) as soon as it moves past 'after', or after 'wait' seconds (at most 30, default 25). A peer pulls when the answer is a new position.");

        group.MapGet("/provenance/{id}", ProvenanceAsync).RequireAuthorization(AccessPolicies.PublicReader).WithName("GetProvenance")
            .WithSummary("How a copy the caller may read came to this node: its owner's home node, the nodes it passed through, the peer it was pulled from and when. Not found for a copy the caller may not read.");

        group.MapPost("/refusals", ReportRefusalsAsync).RequireAuthorization(AccessPolicies.Reader).WithName("ReportRefusals")
            .WithSummary("A connected node tells this node which of this node's records it refused when it pulled them, and why (up to 500 at a time): they show on that peer's status and this node's administrators are notified. Peer nodes only.");

        var peers = group.MapGroup("/peers").RequireAuthorization(AccessPolicies.NodeAdmin);
        peers.MapGet("/", ListAsync).WithName("ListFederationPeers")
            .WithSummary("The connected nodes, TAXII sources and TAXII push destinations, with how pulling (or pushing) each goes: cursor, counts, last error and the latest objects refused (by this node, or by a destination).");
        peers.MapGet("/{id:guid}", GetAsync).WithName("GetFederationPeer").WithSummary("One connected node, TAXII source or push destination, and how pulling (or pushing) it goes.");
        peers.MapPost("/", ConnectAsync).WithName("ConnectFederationPeer")
            .WithSummary("Connect a node: registers the key it reads this node with (shown in this response only) and keeps the key it issued for this node. 'kind': 'taxii' pulls a TAXII 2.1 collection of any server; 'taxii-push' pushes this node's TLP:GREEN (shared with connected nodes) and TLP:CLEAR records to one (no key for it to read this node).");
        peers.MapPatch("/{id:guid}", ChangeAsync).WithName("ChangeFederationPeer")
            .WithSummary("Pause or resume pulling (or pushing to) a peer ('paused'), or take or refuse records of other nodes it relays ('acceptRelays'); members left out stay as they are.");
        peers.MapPut("/{id:guid}/key", SetKeyAsync).WithName("SetFederationPeerKey").WithSummary("Set or replace the key the peer issued for this node.");
        peers.MapPost("/{id:guid}/disconnect", DisconnectAsync).WithName("DisconnectFederationPeer")
            .WithSummary("Disconnect a node: its key here stops working at once and pulling it stops; what it sent stays.");
        peers.MapPost("/{id:guid}/sync", SyncAsync).WithName("SyncFederationPeer")
            .WithSummary("Pull from the peer now until it has nothing new; answers what was stored and refused, and why the peer could not be pulled if it could not. A push destination is pushed to now instead: 'stored' counts what it confirmed, 'rejected' what it refused, 'withdrawn' the versions deleted there.");
    }

    private static async Task<Results<Ok<NodeDescription>, ProblemHttpResult>> DescribeAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.DescribeAsync(await principals.ResolveAsync(user, cancellationToken), cancellationToken)).ToOk();

    private static async Task<Results<Ok<WithdrawalList>, ProblemHttpResult>> WithdrawalsAsync(
        [FromQuery, Description("Withdrawals after this position (the caller's, as a previous answer gave it); without it, the caller's position now.")] long? after,
        [FromQuery, Description("Withdrawals per answer, 1 to 1000 (default 1000).")] int? limit,
        ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.WithdrawalsAsync(await principals.ResolveAsync(user, cancellationToken), after, limit, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ReaderPosition>, ProblemHttpResult>> WaitForChangeAsync(
        [FromQuery, Description("The caller's position as it last saw it (required): the answer comes as soon as its position moves past this.")] long? after,
        [FromQuery, Description("Seconds to wait for a change, 0 to 30 (default 25).")] int? wait,
        ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.WaitForChangeAsync(await principals.ResolveAsync(user, cancellationToken), after, TimeSpan.FromSeconds(wait ?? 25), cancellationToken)).ToOk();

    private static async Task<Results<Ok<CopyProvenance>, ProblemHttpResult>> ProvenanceAsync(
        [Description("The object's STIX id.")] string id,
        [FromQuery, Description("The owner organisation of the copy (an object may have several owners' copies); without it, the copy a read by id shows.")] Guid? owner,
        ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.ProvenanceAsync(await principals.ResolveAsync(user, cancellationToken), id, owner, cancellationToken)).ToOk();

    private static async Task<Results<Ok<RefusalReceipt>, ProblemHttpResult>> ReportRefusalsAsync(
        RefusalReport request, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.ReportRefusalsAsync(await principals.ResolveAsync(user, cancellationToken), request, cancellationToken)).ToOk();

    private static async Task<Results<Ok<IReadOnlyList<PeerInfo>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.ListPeersAsync(await principals.ResolveAsync(user, cancellationToken), cancellationToken)).ToOk();

    private static async Task<Results<Ok<PeerInfo>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.GetPeerAsync(await principals.ResolveAsync(user, cancellationToken), id, cancellationToken)).ToOk();

    private static async Task<Results<Created<ConnectedPeer>, ProblemHttpResult>> ConnectAsync(
        NewPeer request, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken)
    {
        var connected = await federation.ConnectAsync(await principals.ResolveAsync(user, cancellationToken), request, cancellationToken);
        return connected.IsSuccess ? TypedResults.Created($"peers/{connected.Value!.Peer.Id}", connected.Value) : connected.Error!.ToProblem();
    }

    private static async Task<Results<Ok<PeerInfo>, ProblemHttpResult>> SetKeyAsync(
        Guid id, PeerKeyRequest request, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.SetKeyAsync(await principals.ResolveAsync(user, cancellationToken), id, request.Key, cancellationToken)).ToOk();

    private static async Task<Results<Ok<PeerInfo>, ProblemHttpResult>> ChangeAsync(
        Guid id, PeerChange request, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.ChangePeerAsync(await principals.ResolveAsync(user, cancellationToken), id, request, cancellationToken)).ToOk();

    private static async Task<Results<Ok<PeerInfo>, ProblemHttpResult>> DisconnectAsync(
        Guid id, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.DisconnectAsync(await principals.ResolveAsync(user, cancellationToken), id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<SyncReport>, ProblemHttpResult>> SyncAsync(
        Guid id, ClaimsPrincipal user, IPrincipalResolver principals, IFederation federation, CancellationToken cancellationToken) =>
        (await federation.SyncAsync(await principals.ResolveAsync(user, cancellationToken), id, cancellationToken)).ToOk();
}

/// <summary>The key a peer's node printed when it registered this node.</summary>
public sealed record PeerKeyRequest(string? Key);
