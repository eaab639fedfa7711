using Microsoft.EntityFrameworkCore;

namespace Concord.Federation.Data;

/// <summary>This node's identity, its peers, where each pull stands, and what peers sent that was refused.</summary>
internal abstract class FederationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<NodeRow> Node => Set<NodeRow>();

    public DbSet<PeerRow> Peers => Set<PeerRow>();

    public DbSet<CursorRow> Cursors => Set<CursorRow>();

    public DbSet<RejectionRow> Rejections => Set<RejectionRow>();

    public DbSet<ProvenanceRow> Provenance => Set<ProvenanceRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var node = modelBuilder.Entity<NodeRow>();
        node.ToTable("federation_node");
        node.HasKey(n => n.Id);
        node.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        node.Property(n => n.NodeId).HasColumnName("node_id");
        node.Property(n => n.CreatedAt).HasColumnName("created_at");

        var peer = modelBuilder.Entity<PeerRow>();
        peer.ToTable("federation_peers");
        peer.HasKey(p => p.Id);
        peer.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        peer.Property(p => p.Name).HasColumnName("name").HasMaxLength(100);
        peer.HasIndex(p => p.Name).IsUnique();
        peer.Property(p => p.Url).HasColumnName("url").HasMaxLength(2000);
        peer.Property(p => p.InboundPeerNodeId).HasColumnName("inbound_peer_node_id");
        peer.Property(p => p.OutboundKey).HasColumnName("outbound_key").HasMaxLength(200);
        peer.Property(p => p.Enabled).HasColumnName("enabled");
        peer.Property(p => p.RemoteNodeId).HasColumnName("remote_node_id");
        peer.HasIndex(p => p.RemoteNodeId);
        peer.Property(p => p.RemoteNodeName).HasColumnName("remote_node_name").HasMaxLength(40);
        peer.Property(p => p.Collection).HasColumnName("collection").HasMaxLength(2000);
        peer.Property(p => p.CreatedAt).HasColumnName("created_at");
        peer.Property(p => p.LastAttemptAt).HasColumnName("last_attempt_at");
        peer.Property(p => p.LastSuccessAt).HasColumnName("last_success_at");
        peer.Property(p => p.LastError).HasColumnName("last_error").HasMaxLength(2000);
        peer.Property(p => p.Received).HasColumnName("received");
        peer.Property(p => p.Rejected).HasColumnName("rejected");
        peer.Property(p => p.Requests).HasColumnName("requests");
        peer.Property(p => p.Withdrawn).HasColumnName("withdrawn");
        peer.Property(p => p.WithdrawalsAfter).HasColumnName("withdrawals_after");
        peer.Property(p => p.AcceptRelays).HasColumnName("accept_relays");
        peer.Property(p => p.Paused).HasColumnName("paused");
        peer.Property(p => p.RemotePosition).HasColumnName("remote_position");
        peer.Property(p => p.Kind).HasColumnName("kind").HasMaxLength(20).HasDefaultValue(PeerKinds.Concord);
        peer.Property(p => p.OwnerOrgId).HasColumnName("owner_org_id");
        peer.Property(p => p.DefaultTlp).HasColumnName("default_tlp");
        peer.Property(p => p.DefaultScope).HasColumnName("default_scope");
        peer.Property(p => p.RefusalsToldUpTo).HasColumnName("refusals_told_up_to");
        peer.Property(p => p.RefusedThere).HasColumnName("refused_there");
        peer.Property(p => p.PushAfterSequence).HasColumnName("push_after_sequence");
        peer.Property(p => p.Pushed).HasColumnName("pushed");
        peer.Property(p => p.PushFailed).HasColumnName("push_failed");
        peer.Property(p => p.NotDeleted).HasColumnName("not_deleted");

        var cursor = modelBuilder.Entity<CursorRow>();
        cursor.ToTable("federation_cursors");
        cursor.HasKey(c => new { c.PeerId, c.Collection });
        cursor.Property(c => c.PeerId).HasColumnName("peer_id");
        cursor.Property(c => c.Collection).HasColumnName("collection").HasMaxLength(2000);
        cursor.Property(c => c.AddedAfterUs).HasColumnName("added_after_us");
        cursor.Property(c => c.Next).HasColumnName("next").HasMaxLength(2000);
        cursor.Property(c => c.ReachedUs).HasColumnName("reached_us");
        cursor.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        cursor.HasOne<PeerRow>().WithMany().HasForeignKey(c => c.PeerId).OnDelete(DeleteBehavior.Cascade);

        var rejection = modelBuilder.Entity<RejectionRow>();
        rejection.ToTable("federation_rejections");
        rejection.HasKey(r => r.Id);
        rejection.Property(r => r.Id).HasColumnName("id");
        rejection.Property(r => r.PeerId).HasColumnName("peer_id");
        rejection.Property(r => r.ObjectId).HasColumnName("object_id").HasMaxLength(300);
        rejection.Property(r => r.Rule).HasColumnName("rule").HasMaxLength(100);
        rejection.Property(r => r.Message).HasColumnName("message").HasMaxLength(2000);
        rejection.Property(r => r.At).HasColumnName("at");
        rejection.Property(r => r.ByPeer).HasColumnName("by_peer");
        rejection.HasIndex(r => new { r.PeerId, r.Id });
        rejection.HasOne<PeerRow>().WithMany().HasForeignKey(r => r.PeerId).OnDelete(DeleteBehavior.Cascade);

        var provenance = modelBuilder.Entity<ProvenanceRow>();
        provenance.ToTable("federation_provenance");
        provenance.HasKey(p => new { p.OwnerOrgId, p.ObjectId });
        provenance.Property(p => p.OwnerOrgId).HasColumnName("owner_org_id");
        provenance.Property(p => p.ObjectId).HasColumnName("object_id").HasMaxLength(300);
        provenance.Property(p => p.Path).HasColumnName("path").HasMaxLength(4000);
        provenance.Property(p => p.ViaPeerId).HasColumnName("via_peer_id");
        provenance.Property(p => p.ReceivedAt).HasColumnName("received_at");
        provenance.HasOne<PeerRow>().WithMany().HasForeignKey(p => p.ViaPeerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SqliteFederationDbContext(DbContextOptions<SqliteFederationDbContext> options) : FederationDbContext(options);

internal sealed class PostgresFederationDbContext(DbContextOptions<PostgresFederationDbContext> options) : FederationDbContext(options);

/// <summary>The node's identity: one row, made at the first start.</summary>
internal sealed class NodeRow
{
    public int Id { get; set; }

    public Guid NodeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A connected node.</summary>
internal sealed class PeerRow
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The peer's base address (<c>https://node.example/</c>).</summary>
    public required string Url { get; set; }

    /// <summary>The Access peer node whose key the peer reads this node with.</summary>
    public Guid? InboundPeerNodeId { get; set; }

    /// <summary><see cref="PeerKinds.Concord"/> (another node) or <see cref="PeerKinds.Taxii"/> (any TAXII 2.1 collection).</summary>
    public string Kind { get; set; } = PeerKinds.Concord;

    /// <summary>A TAXII source's objects are stored as this local organisation's, with <see cref="DefaultTlp"/> and <see cref="DefaultScope"/>.</summary>
    public Guid? OwnerOrgId { get; set; }

    /// <summary>The TLP of a TAXII source's objects that carry no TLP marking (else the owner's default).</summary>
    public int? DefaultTlp { get; set; }

    /// <summary>The scope of a TAXII source's objects (else the safe default for each object's TLP).</summary>
    public int? DefaultScope { get; set; }

    /// <summary>
    /// The key the peer issued for this node. Kept as given: the node must present it. Never shown again, never logged,
    /// never in the audit trail. Whoever reads this table can read the peer as this node does (README: protect the store).
    /// </summary>
    public string? OutboundKey { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>What the peer said it is at the last handshake.</summary>
    public Guid? RemoteNodeId { get; set; }

    public string? RemoteNodeName { get; set; }

    /// <summary>The collection path the peer said to pull.</summary>
    public string? Collection { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public string? LastError { get; set; }

    public long Received { get; set; }

    public long Rejected { get; set; }

    public long Requests { get; set; }

    /// <summary>Versions removed because the peer withdrew them.</summary>
    public long Withdrawn { get; set; }

    /// <summary>The peer's store position its withdrawals are read after; null until the first pull asks where to start.</summary>
    public long? WithdrawalsAfter { get; set; }

    /// <summary>
    /// Whether records of other nodes' organisations that the peer relays are taken (a member of a hub-and-spoke alliance
    /// trusts its hub to). Off, the peer may send only records of the organisations it hosts.
    /// </summary>
    public bool AcceptRelays { get; set; }

    /// <summary>Paused: this node does not pull the peer until resumed (the peer still reads this node).</summary>
    public bool Paused { get; set; }

    /// <summary>The peer's position as its last page gave it (when the last change this node may read happened there, µs).</summary>
    public long? RemotePosition { get; set; }

    /// <summary>The last of this node's refusals of the peer's records (<see cref="RejectionRow.Id"/>) the peer was told of.</summary>
    public long RefusalsToldUpTo { get; set; }

    /// <summary>How many of this node's records the peer reported it refused.</summary>
    public long RefusedThere { get; set; }

    /// <summary>
    /// A push destination's cursor: this node's sequence of the last record the destination confirmed (null: from the
    /// start). Moved only after the destination's status for the page is complete.
    /// </summary>
    public long? PushAfterSequence { get; set; }

    /// <summary>Objects a push destination confirmed (a version it already held counts too: TAXII add is idempotent).</summary>
    public long Pushed { get; set; }

    /// <summary>Objects a push destination reported as failed (each also a rejection row, with its message).</summary>
    public long PushFailed { get; set; }

    /// <summary>Withdrawals not propagated because the destination does not support DELETE (T 5.7).</summary>
    public long NotDeleted { get; set; }
}

/// <summary>What a peer is: another Concord node, a TAXII 2.1 collection of any server pulled from, or one pushed to.</summary>
internal static class PeerKinds
{
    public const string Concord = "concord";
    public const string Taxii = "taxii";
    public const string TaxiiPush = "taxii-push";
}

/// <summary>
/// How a relayed copy reached this node: the nodes it passed through, its home node first and the peer it came from
/// last, and when. Kept only for copies a peer relayed; a copy its home node sent has its home as its whole path.
/// </summary>
internal sealed class ProvenanceRow
{
    /// <summary>The copy's owner here (a federated organisation).</summary>
    public Guid OwnerOrgId { get; set; }

    public required string ObjectId { get; set; }

    /// <summary>The nodes, as JSON <c>[{"node": id, "node_name": name}, …]</c>, home first, the relaying peer's node last.</summary>
    public required string Path { get; set; }

    /// <summary>The peer that relayed it here (its withdrawals of the copy are followed).</summary>
    public Guid ViaPeerId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>Where pulling one collection of a peer stands. Moved after each page is stored, so a restart resumes there.</summary>
internal sealed class CursorRow
{
    public Guid PeerId { get; set; }

    public required string Collection { get; set; }

    /// <summary>The <c>added_after</c> of the read (microseconds since the epoch); null: from the start.</summary>
    public long? AddedAfterUs { get; set; }

    /// <summary>The <c>next</c> token of a read still under way.</summary>
    public string? Next { get; set; }

    /// <summary>The <c>date_added</c> of the last page stored (µs): how far a read under way has come.</summary>
    public long? ReachedUs { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An object a peer sent that this node refused; or (<see cref="ByPeer"/>) one of this node's that the peer reported it refused.</summary>
internal sealed class RejectionRow
{
    public long Id { get; set; }

    public Guid PeerId { get; set; }

    public string? ObjectId { get; set; }

    public required string Rule { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The peer refused this record of this node's (it told this node so), instead of this node refusing the peer's.</summary>
    public bool ByPeer { get; set; }
}
