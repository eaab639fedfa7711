using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>
/// A connected node and its credential. The key has the API key format (<c>ck_&lt;prefix&gt;_&lt;secret&gt;</c>, only the
/// secret's SHA-256 stored) but speaks for no organisation: its principal is a <see cref="PrincipalKind.PeerNode"/>,
/// which reads only what was shared beyond this node.
/// </summary>
internal sealed class PeerNode
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The federation id of the node this credential belongs to, once known (<see cref="IAccessAdmin.BindPeerNodeAsync"/>).</summary>
    public Guid? HomeNodeId { get; set; }
}

internal sealed class PeerNodeConfiguration : IEntityTypeConfiguration<PeerNode>
{
    public void Configure(EntityTypeBuilder<PeerNode> builder)
    {
        builder.ToTable("access_peer_nodes");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Prefix).HasMaxLength(32);
        builder.HasIndex(p => p.Prefix).IsUnique();
        builder.Property(p => p.SecretHash).HasMaxLength(32);
    }
}
