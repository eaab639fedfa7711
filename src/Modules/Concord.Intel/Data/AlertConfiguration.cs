using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class AlertSettingConfiguration : IEntityTypeConfiguration<AlertSetting>
{
    public void Configure(EntityTypeBuilder<AlertSetting> builder)
    {
        builder.ToTable("intel_alert_settings");
        builder.HasKey(s => s.OrganisationId);
        builder.Property(s => s.OrganisationId).HasColumnName("organisation_id");
        builder.Property(s => s.Enabled).HasColumnName("enabled");
        builder.Property(s => s.EnabledSinceUs).HasColumnName("enabled_since_us");
        builder.Property(s => s.UpdatedUs).HasColumnName("updated_us");
        builder.Property(s => s.UpdatedBy).HasColumnName("updated_by");
    }
}

internal sealed class HitAlertConfiguration : IEntityTypeConfiguration<HitAlert>
{
    public void Configure(EntityTypeBuilder<HitAlert> builder)
    {
        builder.ToTable("intel_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(a => a.ObjectId).HasColumnName("object_id");
        builder.Property(a => a.Kind).HasColumnName("kind");
        builder.Property(a => a.Value).HasColumnName("value");
        builder.Property(a => a.Key).HasColumnName("key");
        builder.Property(a => a.ReportedUs).HasColumnName("reported_us");
        builder.Property(a => a.ReporterOrgId).HasColumnName("reporter_org_id");
        builder.Property(a => a.Tlp).HasColumnName("tlp");
        builder.Property(a => a.Scope).HasColumnName("scope");
        builder.Property(a => a.AudienceId).HasColumnName("audience_id");
        builder.HasIndex(a => new { a.OwnerOrgId, a.ReportedUs }).HasDatabaseName("ix_intel_alerts_owner");
        builder.HasIndex(a => new { a.OwnerOrgId, a.ObjectId, a.Key, a.ReporterOrgId }).IsUnique().HasDatabaseName("ux_intel_alerts_once");
    }
}
