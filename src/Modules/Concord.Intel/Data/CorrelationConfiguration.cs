using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class IndexedObservableConfiguration : IEntityTypeConfiguration<IndexedObservable>
{
    public void Configure(EntityTypeBuilder<IndexedObservable> builder)
    {
        // The primary key is the only index: probes and range scans read (key, seq) from it alone. No index on seq:
        // deletion finds an object's rows by re-extracting its keys, which is rare and keeps the index small.
        builder.ToTable("intel_observables");
        builder.HasKey(o => new { o.Key, o.Seq }).HasName("pk_intel_observables");
        builder.Property(o => o.Key).HasColumnName("key");
        builder.Property(o => o.Seq).HasColumnName("seq");
    }
}

internal sealed class IndexedPrefixConfiguration : IEntityTypeConfiguration<IndexedPrefix>
{
    public void Configure(EntityTypeBuilder<IndexedPrefix> builder)
    {
        builder.ToTable("intel_observable_prefixes");
        builder.HasKey(p => new { p.Space, p.Prefix }).HasName("pk_intel_observable_prefixes");
        builder.Property(p => p.Space).HasColumnName("space");
        builder.Property(p => p.Prefix).HasColumnName("prefix");
    }
}

internal sealed class ExclusionRowConfiguration : IEntityTypeConfiguration<ExclusionRow>
{
    public void Configure(EntityTypeBuilder<ExclusionRow> builder)
    {
        builder.ToTable("intel_correlation_exclusions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.Kind).HasColumnName("kind");
        builder.Property(e => e.Value).HasColumnName("value");
        builder.Property(e => e.Comment).HasColumnName("comment");
        builder.Property(e => e.CreatedUs).HasColumnName("created_us");
        builder.Property(e => e.CreatedBy).HasColumnName("created_by");
    }
}
