using Concord.Access;
using Concord.Platform;

namespace Concord.Federation;

/// <summary>This node as federation knows it: a stable id made at its first start, and its name (namespacing its organisations elsewhere).</summary>
public sealed record FederationNode(Guid Id, string Name);

/// <summary>What a node tells a peer about itself: who it is, where to pull, and the organisations it hosts.</summary>
public sealed record NodeDescription(Guid NodeId, string Name, string? Collection, IReadOnlyList<HostedOrganisation> Organisations);

/// <summary>An organisation a node hosts, as it describes it to its peers; <see cref="Type"/> as in the API (<c>government-agency</c>).</summary>
public sealed record HostedOrganisation(Guid Id, string Name, string Country, string Type, string? Sector);

/// <summary>
/// Connecting a node: its name here, its address, the key it issued for this node (may follow later), and whether
/// records of other nodes it relays are taken from it (default no: only records of the organisations it hosts).
/// <see cref="Kind"/> <c>taxii</c> connects a TAXII 2.1 collection of any server instead (<see cref="Url"/> is the
/// collection's address, <see cref="Key"/> a bearer token or <c>user:password</c>): its objects are pulled and stored
/// as <see cref="Owner"/>'s (an organisation of this node), with <see cref="Tlp"/> for objects without a TLP marking
/// and <see cref="Scope"/> (else the safe default for each object's TLP). <see cref="Kind"/> <c>taxii-push</c> pushes this
/// node's records to a TAXII 2.1 collection of any server (<see cref="Url"/> the collection, <see cref="Key"/> its bearer
/// token or <c>user:password</c>): exactly what a connected node may read here that no node is bound to — TLP:GREEN shared
/// with connected nodes and TLP:CLEAR public, never AMBER or RED.
/// </summary>
public sealed record NewPeer(string? Name, string? Url, string? Key, bool? AcceptRelays = null)
{
    public string? Kind { get; init; }

    public Guid? Owner { get; init; }

    public string? Tlp { get; init; }

    public string? Scope { get; init; }
}

/// <summary>What changes about a peer; null members stay as they are.</summary>
public sealed record PeerChange(bool? Paused, bool? AcceptRelays);

/// <summary>
/// A connected node (<see cref="Kind"/> <c>concord</c>) or TAXII source (<c>taxii</c>, then <see cref="Source"/> says how
/// its objects are stored): its name and address, the credential it reads this node with (<see cref="InboundPeerNodeId"/>,
/// an Access peer node; none for a TAXII source), whether this node holds a key to read it, whether it is paused and relays are taken from it,
/// what it said it is, and how the last pulls went.
/// </summary>
public sealed record PeerInfo(
    Guid Id,
    string Name,
    string Kind,
    string Url,
    Guid? InboundPeerNodeId,
    bool HasKey,
    bool Enabled,
    bool Paused,
    bool AcceptRelays,
    Guid? RemoteNodeId,
    string? RemoteNodeName,
    DateTimeOffset CreatedAt,
    PeerSyncStatus Status,
    IReadOnlyList<PeerCursorInfo> Cursors,
    IReadOnlyList<PeerRejection> Rejections)
{
    public TaxiiSource? Source { get; init; }

    /// <summary>The latest of this node's records the peer reported it refused, and why (newest first).</summary>
    public IReadOnlyList<PeerRejection> RefusedThere { get; init; } = [];

    /// <summary>A push destination's counts (<see cref="Kind"/> <c>taxii-push</c>; null for other kinds).</summary>
    public PushStatus? Push { get; init; }
}

/// <summary>
/// How pushing to a TAXII destination went: objects it confirmed (a version it already held counts as confirmed: TAXII
/// add is idempotent) and reported as failed (each among the peer's rejections with the destination's message), versions
/// deleted there as this node withdrew them, and withdrawals not propagated because it does not support DELETE.
/// </summary>
public sealed record PushStatus(long Pushed, long Failed, long Deleted, long NotDeleted);

/// <summary>How a TAXII source's objects are stored: as this organisation's, with this TLP (when unmarked) and scope (else per TLP).</summary>
public sealed record TaxiiSource(Guid Owner, string? Tlp, string? Scope);

/// <summary>
/// How pulling from a peer went: the last attempt, the last success, the last error, totals (objects received, refused,
/// versions withdrawn — deleted or narrowed by their owner), and <see cref="LagSeconds"/>: how far behind the peer this
/// node is — while a catch-up is under way, the time between the newest change the peer reported and the last record
/// stored from it; while pulling fails, the time since the last success; 0 when it has all the peer reported.
/// </summary>
public sealed record PeerSyncStatus(
    DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt, string? LastError, long Received, long Rejected, long Requests, long Withdrawn, double LagSeconds)
{
    /// <summary>How many of this node's records the peer reported it refused (<see cref="IFederation.ReportRefusalsAsync"/>).</summary>
    public long RefusedThere { get; init; }
}

/// <summary>Where pulling a peer's collection stands: after this <c>date_added</c>, and the page token of an unfinished read.</summary>
public sealed record PeerCursorInfo(string Collection, DateTimeOffset? AddedAfter, bool MidRead, DateTimeOffset UpdatedAt);

/// <summary>An object a peer sent that this node refused, with the rule and why.</summary>
public sealed record PeerRejection(string? ObjectId, string Rule, string Message, DateTimeOffset At);

/// <summary>
/// A new connection: the peer, and the key it must be given to read this node (shown once; only a hash is kept); none
/// for a TAXII source, which does not read this node.
/// </summary>
public sealed record ConnectedPeer(PeerInfo Peer, string? KeyForPeer);

/// <summary>One pull from a peer: requests made, objects stored as new, already held, refused, and versions withdrawn.</summary>
public sealed record SyncReport(Guid PeerId, int Requests, long Stored, long Duplicates, long Rejected, long Withdrawn, string? Error);

/// <summary>
/// What a reader may no longer hold, up to <see cref="Position"/> (read again after it while <see cref="More"/>).
/// Without a starting position, the list is empty and <see cref="Position"/> is the caller's position now
/// (<see cref="ReaderPosition"/>), where withdrawals from now on begin.
/// </summary>
public sealed record WithdrawalList(long Position, bool More, IReadOnlyList<WithdrawnRecord> Withdrawals);

/// <summary>
/// One copy a peer must let go: <see cref="Kind"/> <c>deleted</c> names the one version deleted, <c>retracted</c> the
/// newest version the reader could read, which goes with every earlier one (the owner narrowed the copy beyond the
/// reader). <see cref="Owner"/> is keyed as in the page envelope: <c>{home node id}/{id at home}</c>.
/// </summary>
public sealed record WithdrawnRecord(string Id, string Owner, string Kind, long VersionUs);

/// <summary>
/// The caller's position on this node: when the last change it can see happened (microseconds since the epoch) — a
/// version it may read stored or deleted, a copy it could read narrowed. What it may not read never moves it.
/// </summary>
public sealed record ReaderPosition(long Position);

/// <summary>
/// One record of the reading node's that this node refused when it pulled it: its id (null for a refusal that is not
/// about one object, e.g. an organisation), the rule and why, and when.
/// </summary>
public sealed record ReportedRefusal(string? Id, string? Rule, string? Message, DateTimeOffset? At);

/// <summary>What a node tells a peer it pulls from: the peer's records it refused (at most <c>500</c> at a time).</summary>
public sealed record RefusalReport(IReadOnlyList<ReportedRefusal>? Refusals);

/// <summary>How many refusals the node took from the report.</summary>
public sealed record RefusalReceipt(int Accepted);

/// <summary>A node on a record's way here.</summary>
public sealed record ProvenanceHop(Guid NodeId, string NodeName);

/// <summary>
/// How a copy came to this node: its owner's home node (<see cref="Origin"/>), the nodes it passed through, home first and
/// this node last (<see cref="Path"/>), the peer it was pulled from (<see cref="ViaPeer"/>, null when made here) and when
/// it arrived. An anonymous sighting names none of these (null owner, empty path).
/// </summary>
public sealed record CopyProvenance(string Id, Guid? Owner, ProvenanceHop? Origin, IReadOnlyList<ProvenanceHop> Path, string? ViaPeer, DateTimeOffset? ReceivedAt);

/// <summary>
/// Federation: node-to-node sync over TAXII 2.1. Node admins connect, list and disconnect peers and pull now; peers and
/// members read this node's description. Every method checks its caller.
/// </summary>
public interface IFederation
{
    FederationNode Node { get; }

    /// <summary>This node's description for a peer or a member: id, name, the collection to pull and its hosted organisations.</summary>
    Task<Result<NodeDescription>> DescribeAsync(Principal caller, CancellationToken cancellationToken);

    /// <summary>
    /// What the caller could read and may no longer hold, after <paramref name="after"/> (null: none; the position to
    /// start from now on). Read through the visibility door: what the caller never could read is never named.
    /// </summary>
    Task<Result<WithdrawalList>> WithdrawalsAsync(Principal caller, long? after, int? limit, CancellationToken cancellationToken);

    /// <summary>
    /// Answers as soon as the caller's position (<see cref="ReaderPosition"/>) moves past <paramref name="after"/>, or
    /// after <paramref name="wait"/> (a long poll: a peer asks, and pulls the moment it is answered with a new position).
    /// </summary>
    Task<Result<ReaderPosition>> WaitForChangeAsync(Principal caller, long? after, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// How the caller's visible copy of <paramref name="id"/> (of <paramref name="owner"/>, else the one a read by id
    /// shows) came here; "not found" when the caller may not read it.
    /// </summary>
    Task<Result<CopyProvenance>> ProvenanceAsync(Principal caller, string id, Guid? owner, CancellationToken cancellationToken);

    /// <summary>
    /// A peer tells this node which of this node's records it refused and why: kept on the peer's status, and this node's
    /// administrators are notified. Only a connected peer node may report, and only about itself.
    /// </summary>
    Task<Result<RefusalReceipt>> ReportRefusalsAsync(Principal caller, RefusalReport report, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<PeerInfo>>> ListPeersAsync(Principal caller, CancellationToken cancellationToken);

    Task<Result<PeerInfo>> GetPeerAsync(Principal caller, Guid peerId, CancellationToken cancellationToken);

    /// <summary>Connects a node: registers its credential to read this node, and keeps the key it issued for this node.</summary>
    Task<Result<ConnectedPeer>> ConnectAsync(Principal caller, NewPeer peer, CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) the key the peer issued for this node.</summary>
    Task<Result<PeerInfo>> SetKeyAsync(Principal caller, Guid peerId, string? key, CancellationToken cancellationToken);

    /// <summary>Pauses or resumes pulling a peer, or changes whether relays are taken from it.</summary>
    Task<Result<PeerInfo>> ChangePeerAsync(Principal caller, Guid peerId, PeerChange change, CancellationToken cancellationToken);

    /// <summary>Disconnects a peer: its credential here is revoked and pulling it stops; what it sent stays.</summary>
    Task<Result<PeerInfo>> DisconnectAsync(Principal caller, Guid peerId, CancellationToken cancellationToken);

    /// <summary>Pulls from the peer now, until it has nothing new.</summary>
    Task<Result<SyncReport>> SyncAsync(Principal caller, Guid peerId, CancellationToken cancellationToken);
}
