using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class ObjectCountConfiguration : IEntityTypeConfiguration<ObjectCount>
{
    public void Configure(EntityTypeBuilder<ObjectCount> builder)
    {
        builder.ToTable("intel_object_counts");
        builder.HasKey(c => new { c.OwnerOrgId, c.Tlp, c.Scope, c.AudienceKey, c.Type, c.Day, c.Named });
        builder.Property(c => c.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(c => c.Tlp).HasColumnName("tlp");
        builder.Property(c => c.Scope).HasColumnName("scope");
        builder.Property(c => c.AudienceId).HasColumnName("audience_id");
        builder.Property(c => c.AudienceKey).HasColumnName("audience_key");
        builder.Property(c => c.Type).HasColumnName("type");
        builder.Property(c => c.Day).HasColumnName("day");
        builder.Property(c => c.Named).HasColumnName("named");
        builder.Property(c => c.Count).HasColumnName("n");

        // The dashboard reads a window of days.
        builder.HasIndex(c => c.Day).HasDatabaseName("ix_intel_object_counts_day");
    }
}

internal sealed class TechniqueUseConfiguration : IEntityTypeConfiguration<TechniqueUse>
{
    public void Configure(EntityTypeBuilder<TechniqueUse> builder)
    {
        builder.ToTable("intel_technique_counts");
        builder.HasKey(c => new { c.OwnerOrgId, c.Tlp, c.Scope, c.AudienceKey, c.Day, c.TechniqueRef });
        builder.Property(c => c.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(c => c.Tlp).HasColumnName("tlp");
        builder.Property(c => c.Scope).HasColumnName("scope");
        builder.Property(c => c.AudienceId).HasColumnName("audience_id");
        builder.Property(c => c.AudienceKey).HasColumnName("audience_key");
        builder.Property(c => c.Day).HasColumnName("day");
        builder.Property(c => c.TechniqueRef).HasColumnName("technique_ref");
        builder.Property(c => c.Count).HasColumnName("n");
        builder.HasIndex(c => c.Day).HasDatabaseName("ix_intel_technique_counts_day");
    }
}
