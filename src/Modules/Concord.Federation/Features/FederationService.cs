using Concord.Access;
using Concord.Federation.Features.Peers;
using Concord.Federation.Features.Sync;
using Concord.Platform;
using Concord.Taxii;

namespace Concord.Federation.Features;

/// <summary>The module's contract: the node's description, peers, and pulling now.</summary>
internal sealed class FederationService(
    NodeIdentity identity, IAccessDirectory directory, ITaxiiPeerCollection collection, PeerService peers, PeerPuller puller, PullSignal signal) : IFederation
{
    public FederationNode Node => identity.Node;

    public async Task<Result<NodeDescription>> DescribeAsync(Principal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            return Error.Forbidden("The node's description is for its members and peers.");
        }

        var hosted = (await directory.ListOrganisationsAsync(cancellationToken)).Where(o => !o.IsFederated)
            .Select(o => new HostedOrganisation(o.Id, o.Name, o.Country, Envelope.PeerEnvelope.TypeName(o.Type), o.Sector)).ToList();
        return new NodeDescription(identity.Node.Id, identity.Node.Name, collection.Path, hosted);
    }

    public Task<Result<IReadOnlyList<PeerInfo>>> ListPeersAsync(Principal caller, CancellationToken cancellationToken) => peers.ListAsync(caller, cancellationToken);

    public Task<Result<PeerInfo>> GetPeerAsync(Principal caller, Guid peerId, CancellationToken cancellationToken) => peers.GetAsync(caller, peerId, cancellationToken);

    public async Task<Result<ConnectedPeer>> ConnectAsync(Principal caller, NewPeer peer, CancellationToken cancellationToken)
    {
        var connected = await peers.ConnectAsync(caller, peer, cancellationToken);
        signal.Wake();
        return connected;
    }

    public async Task<Result<PeerInfo>> SetKeyAsync(Principal caller, Guid peerId, string? key, CancellationToken cancellationToken)
    {
        var set = await peers.SetKeyAsync(caller, peerId, key, cancellationToken);
        signal.Wake();
        return set;
    }

    public Task<Result<PeerInfo>> DisconnectAsync(Principal caller, Guid peerId, CancellationToken cancellationToken) => peers.DisconnectAsync(caller, peerId, cancellationToken);

    public async Task<Result<SyncReport>> SyncAsync(Principal caller, Guid peerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        return await puller.PullAsync(peerId, cancellationToken);
    }
}
