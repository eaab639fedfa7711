using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

/// <summary>
/// A secret of the node, made once on the first start and kept in the store, so every process over one store (and
/// every restart) uses the same one. It never leaves the node.
/// </summary>
internal sealed class NodeKey
{
    public required string Name { get; set; }

    public required byte[] Secret { get; set; }
}

internal sealed class NodeKeyConfiguration : IEntityTypeConfiguration<NodeKey>
{
    public void Configure(EntityTypeBuilder<NodeKey> builder)
    {
        builder.ToTable("intel_node_keys");
        builder.HasKey(k => k.Name).HasName("pk_intel_node_keys");
        builder.Property(k => k.Name).HasColumnName("name");
        builder.Property(k => k.Secret).HasColumnName("secret");
    }
}
