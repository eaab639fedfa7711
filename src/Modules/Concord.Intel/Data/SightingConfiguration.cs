using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class IndicatorScoreConfiguration : IEntityTypeConfiguration<IndicatorScore>
{
    public void Configure(EntityTypeBuilder<IndicatorScore> builder)
    {
        builder.ToTable("intel_scores");
        builder.HasKey(s => new { s.StixId, s.OwnerOrgId });
        builder.Property(s => s.StixId).HasColumnName("stix_id");
        builder.Property(s => s.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(s => s.Base).HasColumnName("base");
        builder.Property(s => s.RefUs).HasColumnName("ref_us");
        builder.Property(s => s.UntilUs).HasColumnName("until_us");
        builder.Property(s => s.FalsePositives).HasColumnName("false_positives");
        builder.Property(s => s.Sightings).HasColumnName("sightings");

        // A minimum score implies "age below the lifetime": this index finds the young indicators without reading the rest.
        builder.HasIndex(s => s.RefUs).HasDatabaseName("ix_intel_scores_ref");
    }
}

internal sealed class SightingRecordConfiguration : IEntityTypeConfiguration<SightingRecord>
{
    public void Configure(EntityTypeBuilder<SightingRecord> builder)
    {
        builder.ToTable("intel_sightings");
        builder.HasKey(s => new { s.StixId, s.OwnerOrgId });
        builder.Property(s => s.StixId).HasColumnName("stix_id");
        builder.Property(s => s.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(s => s.Seq).HasColumnName("seq");
        builder.Property(s => s.VersionUs).HasColumnName("version_us");
        builder.Property(s => s.TargetId).HasColumnName("target_id");
        builder.Property(s => s.Kind).HasColumnName("kind");
        builder.Property(s => s.Count).HasColumnName("count");
        builder.Property(s => s.FirstSeenUs).HasColumnName("first_seen_us");
        builder.Property(s => s.LastSeenUs).HasColumnName("last_seen_us");
        builder.Property(s => s.Anonymous).HasColumnName("anonymous");
        builder.Property(s => s.Revoked).HasColumnName("revoked");
        builder.Property(s => s.Tlp).HasColumnName("tlp");
        builder.Property(s => s.Scope).HasColumnName("scope");
        builder.Property(s => s.AudienceId).HasColumnName("audience_id");
        builder.Ignore(s => s.SeenUs);
        builder.HasIndex(s => new { s.TargetId, s.Seq }).HasDatabaseName("ix_intel_sightings_target");
        builder.HasIndex(s => s.Seq).HasDatabaseName("ix_intel_sightings_seq");
    }
}

internal sealed class FollowerMarkConfiguration : IEntityTypeConfiguration<FollowerMark>
{
    public void Configure(EntityTypeBuilder<FollowerMark> builder)
    {
        builder.ToTable("intel_follower_marks");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasColumnName("name");
        builder.Property(m => m.Position).HasColumnName("position");
        builder.Property(m => m.Fingerprint).HasColumnName("fingerprint");
    }
}
