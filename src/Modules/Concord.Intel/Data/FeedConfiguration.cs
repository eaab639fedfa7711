using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class FeedRecordConfiguration : IEntityTypeConfiguration<FeedRecord>
{
    public void Configure(EntityTypeBuilder<FeedRecord> builder)
    {
        builder.ToTable("intel_feeds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasColumnName("id");
        builder.Property(f => f.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(f => f.Name).HasColumnName("name");
        builder.Property(f => f.Kind).HasColumnName("kind");
        builder.Property(f => f.Source).HasColumnName("source");
        builder.Property(f => f.ColumnsJson).HasColumnName("columns_json");
        builder.Property(f => f.Tlp).HasColumnName("tlp");
        builder.Property(f => f.Scope).HasColumnName("scope");
        builder.Property(f => f.SharingGroupId).HasColumnName("sharing_group_id");
        builder.Property(f => f.IntervalMinutes).HasColumnName("interval_minutes");
        builder.Property(f => f.Enabled).HasColumnName("enabled");
        builder.Property(f => f.CreatedUs).HasColumnName("created_us");
        builder.Property(f => f.CreatedBy).HasColumnName("created_by");
        builder.Property(f => f.NextRunUs).HasColumnName("next_run_us");
        builder.Property(f => f.RunningSinceUs).HasColumnName("running_since_us");
        builder.Property(f => f.ETag).HasColumnName("etag");
        builder.Property(f => f.LastModified).HasColumnName("last_modified");
        builder.Property(f => f.LastStartedUs).HasColumnName("last_started_us");
        builder.Property(f => f.LastFinishedUs).HasColumnName("last_finished_us");
        builder.Property(f => f.LastRequests).HasColumnName("last_requests");
        builder.Property(f => f.LastEventsFetched).HasColumnName("last_events_fetched");
        builder.Property(f => f.LastEventsSkipped).HasColumnName("last_events_skipped");
        builder.Property(f => f.LastEventsFailed).HasColumnName("last_events_failed");
        builder.Property(f => f.LastStored).HasColumnName("last_stored");
        builder.Property(f => f.LastDuplicates).HasColumnName("last_duplicates");
        builder.Property(f => f.LastRejected).HasColumnName("last_rejected");
        builder.Property(f => f.LastError).HasColumnName("last_error");
        builder.HasIndex(f => new { f.OwnerOrgId, f.Name }).IsUnique().HasDatabaseName("ux_intel_feeds_name");
        builder.HasIndex(f => f.NextRunUs).HasDatabaseName("ix_intel_feeds_due");
    }
}

internal sealed class FeedEventStateConfiguration : IEntityTypeConfiguration<FeedEventState>
{
    public void Configure(EntityTypeBuilder<FeedEventState> builder)
    {
        builder.ToTable("intel_feed_events");
        builder.HasKey(e => new { e.FeedId, e.EventUuid });
        builder.Property(e => e.FeedId).HasColumnName("feed_id");
        builder.Property(e => e.EventUuid).HasColumnName("event_uuid");
        builder.Property(e => e.Timestamp).HasColumnName("timestamp");
        builder.HasOne<FeedRecord>().WithMany().HasForeignKey(e => e.FeedId).OnDelete(DeleteBehavior.Cascade);
    }
}
