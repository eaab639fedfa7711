using System.Diagnostics;
using Concord.Access;
using Concord.Federation.Features.Peers;
using Concord.Federation.Features.Provenance;
using Concord.Federation.Features.Refusals;
using Concord.Federation.Features.Sync;
using Concord.Intel;
using Concord.Platform;
using Concord.Taxii;

namespace Concord.Federation.Features;

/// <summary>The module's contract: the node's description, peers, and pulling now.</summary>
internal sealed class FederationService(
    NodeIdentity identity, IAccessDirectory directory, ITaxiiPeerCollection collection, IWithdrawals withdrawals, PeerService peers, PeerPuller puller, Push.PeerPusher pusher, PullSignal signal, ProvenanceReader provenance, RefusalInbox refusals) : IFederation
{
    /// <summary>Withdrawals per response at most.</summary>
    public const int MaxWithdrawals = 1000;

    /// <summary>The longest a long poll for a change is held open.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How often a held long poll looks at the store (two index reads): a change is answered within this.</summary>
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(200);

    public FederationNode Node => identity.Node;

    public Task<Result<RefusalReceipt>> ReportRefusalsAsync(Principal caller, RefusalReport report, CancellationToken cancellationToken) =>
        refusals.AcceptAsync(caller, report, cancellationToken);

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

    public async Task<Result<WithdrawalList>> WithdrawalsAsync(Principal caller, long? after, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            return Error.Forbidden("Withdrawals are for the node's members and peers.");
        }

        if (after < 0)
        {
            return Error.Validation("after", "range", $"'after' is a position (microseconds since the epoch), 0 or more; {after} is not.");
        }

        if (limit is < 1 or > MaxWithdrawals)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {MaxWithdrawals}; {limit} is not.");
        }

        if (after is not { } from)
        {
            return new WithdrawalList(await withdrawals.PositionAsync(caller, cancellationToken), false, []);
        }

        var page = await withdrawals.ReadAsync(caller, from, limit ?? MaxWithdrawals, cancellationToken);
        var owners = new Dictionary<Guid, string?>();
        var items = new List<WithdrawnRecord>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (!owners.TryGetValue(item.OwnerOrgId, out var key))
            {
                key = await directory.FindOrganisationAsync(item.OwnerOrgId, cancellationToken) is { } org ? Envelope.OwnerEntry.Of(org, identity.Node).Key : null;
                owners[item.OwnerOrgId] = key;
            }

            if (key is not null)
            {
                items.Add(new WithdrawnRecord(item.Id, key, item.Kind == WithdrawalKind.Deleted ? "deleted" : "retracted", item.VersionUs));
            }
        }

        return new WithdrawalList(page.Position, page.More, items);
    }

    public async Task<Result<ReaderPosition>> WaitForChangeAsync(Principal caller, long? after, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            return Error.Forbidden("Waiting for changes is for the node's members and peers.");
        }

        if (after is null)
        {
            return Error.Validation("after", "required", "'after' is required: the position the caller last saw (0 for none).");
        }

        if (after < 0)
        {
            return Error.Validation("after", "range", $"'after' is a position (microseconds since the epoch), 0 or more; {after} is not.");
        }

        if (wait < TimeSpan.Zero || wait > MaxWait)
        {
            return Error.Validation("wait", "range", $"'wait' must be between 0 and {MaxWait.TotalSeconds:0} seconds.");
        }

        // The store is read, not signalled: a write by another process on the same database (a CLI import) counts too.
        // Waiting is wall-clock latency, not the node's business time: it is measured by a stopwatch.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var position = await withdrawals.PositionAsync(caller, cancellationToken);
            var left = wait - waited.Elapsed;
            if (position > after || left <= TimeSpan.Zero)
            {
                return new ReaderPosition(position);
            }

            await Task.Delay(left < WaitStep ? left : WaitStep, cancellationToken);
        }
    }

    public Task<Result<CopyProvenance>> ProvenanceAsync(Principal caller, string id, Guid? owner, CancellationToken cancellationToken) =>
        provenance.ReadAsync(caller, id, owner, cancellationToken);

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

    public async Task<Result<PeerInfo>> ChangePeerAsync(Principal caller, Guid peerId, PeerChange change, CancellationToken cancellationToken)
    {
        var changed = await peers.ChangeAsync(caller, peerId, change, cancellationToken);
        signal.Wake();
        return changed;
    }

    public Task<Result<PeerInfo>> DisconnectAsync(Principal caller, Guid peerId, CancellationToken cancellationToken) => peers.DisconnectAsync(caller, peerId, cancellationToken);

    public async Task<Result<SyncReport>> SyncAsync(Principal caller, Guid peerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        // A push destination is pushed now instead: the same report, objects stored there counted as stored.
        return await peers.IsPushAsync(peerId, cancellationToken)
            ? await pusher.PushAsync(peerId, cancellationToken)
            : await puller.PullAsync(peerId, cancellationToken);
    }
}
