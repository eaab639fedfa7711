using Concord.Access;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

internal sealed class StoredObjectConfiguration : IEntityTypeConfiguration<StoredObject>
{
    public void Configure(EntityTypeBuilder<StoredObject> builder)
    {
        builder.ToTable("stix_objects");
        builder.HasKey(o => o.Seq);
        builder.Property(o => o.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(o => o.StixId).HasColumnName("stix_id");
        builder.Property(o => o.Type).HasColumnName("type");
        builder.Property(o => o.SpecVersion).HasColumnName("spec_version");
        builder.Property(o => o.Created).HasColumnName("created");
        builder.Property(o => o.Modified).HasColumnName("modified");
        builder.Property(o => o.CreatedUs).HasColumnName("created_us");
        builder.Property(o => o.ModifiedUs).HasColumnName("modified_us");
        builder.Property(o => o.VersionUs).HasColumnName("version_us");
        builder.Property(o => o.Revoked).HasColumnName("revoked");
        builder.Property(o => o.CreatedByRef).HasColumnName("created_by_ref");
        builder.Property(o => o.Name).HasColumnName("name");
        builder.Property(o => o.Description).HasColumnName("description");
        builder.Property(o => o.Labels).HasColumnName("labels");
        builder.Property(o => o.Latest).HasColumnName("latest");
        builder.Property(o => o.SoleCopy).HasColumnName("sole_copy");
        builder.Property(o => o.DateAddedUs).HasColumnName("date_added_us");
        builder.Property(o => o.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(o => o.Tlp).HasColumnName("tlp");
        builder.Property(o => o.Scope).HasColumnName("scope");
        builder.Property(o => o.AudienceId).HasColumnName("audience_id");
        builder.Property(o => o.Json).HasColumnName("json");
        builder.Property(o => o.ContentHash).HasColumnName("content_hash");

        // Ownership is part of identity: each organisation's copy of an id is its own, so a version is stored once per
        // owner (re-ingest is idempotent) and another organisation's copy of the same (id, version) never blocks it.
        builder.HasIndex(o => new { o.StixId, o.OwnerOrgId, o.VersionUs }).IsUnique().HasDatabaseName("ux_stix_objects_id_owner_version");

        // The list filters walk the sequence (the primary key) in order; these serve the selective ones. Every index
        // costs bulk ingest, so latest/modified/text are filtered on the walk rather than indexed.
        builder.HasIndex(o => new { o.Type, o.Seq }).HasDatabaseName("ix_stix_objects_type_seq");
        builder.HasIndex(o => new { o.OwnerOrgId, o.Seq }).HasDatabaseName("ix_stix_objects_owner_seq");

        // A page of what a reader may read walks one index per reason it may read a row (ReachOrder). These two serve the
        // shared reasons; appending to them is cheap (the sequence only grows). Their filters are Visibility's branches as
        // the database sees them. The owner's and the audience's reasons walk (owner_org_id, -seq) and (audience_id, -seq),
        // expression indexes the migration ReachOrderIndexes creates in SQL (see ReachOrder for why -seq).
        builder.HasIndex([nameof(StoredObject.Seq)], "ix_stix_objects_shared_seq").HasFilter($"scope >= {(int)Scope.Alliance} AND tlp <= {(int)Tlp.Green}");
        builder.HasIndex([nameof(StoredObject.Seq)], "ix_stix_objects_public_seq").HasFilter($"scope = {(int)Scope.Public} AND tlp <= {(int)Tlp.Clear}");

        // Lookups by id (an object's versions, its latest version for an owner, ingest's probes) go by the unique index:
        // an id has a handful of versions. A second index on stix_id, like the unique one a random key, cost bulk
        // ingest more than any other index and served nothing the unique one does not.
        builder.HasIndex(o => o.CreatedByRef).HasFilter("created_by_ref IS NOT NULL").HasDatabaseName("ix_stix_objects_created_by_ref");
    }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> builder)
    {
        builder.ToTable("stix_tombstones");
        builder.HasKey(t => t.Seq);
        builder.Property(t => t.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(t => t.StixId).HasColumnName("stix_id");
        builder.Property(t => t.Version).HasColumnName("version");
        builder.Property(t => t.VersionUs).HasColumnName("version_us");
        builder.Property(t => t.ObjectDeleted).HasColumnName("object_deleted");
        builder.Property(t => t.DeletedAtUs).HasColumnName("deleted_at_us");
        builder.Property(t => t.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(t => t.Tlp).HasColumnName("tlp");
        builder.Property(t => t.Scope).HasColumnName("scope");
        builder.Property(t => t.AudienceId).HasColumnName("audience_id");
        builder.HasIndex(t => t.StixId).HasDatabaseName("ix_stix_tombstones_stix_id");
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("intel_import_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasColumnName("id");
        builder.Property(j => j.OwnerOrgId).HasColumnName("owner_org_id");
        builder.Property(j => j.RequestedBy).HasColumnName("requested_by");
        builder.Property(j => j.State).HasColumnName("state");
        builder.Property(j => j.Policy).HasColumnName("policy");
        builder.Property(j => j.Tlp).HasColumnName("tlp");
        builder.Property(j => j.Scope).HasColumnName("scope");
        builder.Property(j => j.AudienceId).HasColumnName("audience_id");
        builder.Property(j => j.SpoolFile).HasColumnName("spool_file");
        builder.Property(j => j.BytesTotal).HasColumnName("bytes_total");
        builder.Property(j => j.Processed).HasColumnName("processed");
        builder.Property(j => j.Stored).HasColumnName("stored");
        builder.Property(j => j.Duplicates).HasColumnName("duplicates");
        builder.Property(j => j.Rejected).HasColumnName("rejected");
        builder.Property(j => j.Warninglisted).HasColumnName("warninglisted");
        builder.Property(j => j.Checkpoint).HasColumnName("checkpoint");
        builder.Property(j => j.ErrorsJson).HasColumnName("errors_json");
        builder.Property(j => j.ErrorsTruncated).HasColumnName("errors_truncated");
        builder.Property(j => j.Failure).HasColumnName("failure");
        builder.Property(j => j.Format).HasColumnName("format");
        builder.Property(j => j.MispSummaryJson).HasColumnName("misp_summary_json");
        builder.Property(j => j.CreatedUs).HasColumnName("created_us");
        builder.Property(j => j.StartedUs).HasColumnName("started_us");
        builder.Property(j => j.FinishedUs).HasColumnName("finished_us");
        builder.HasIndex(j => j.State).HasDatabaseName("ix_intel_import_jobs_state");
        builder.HasIndex(j => new { j.OwnerOrgId, j.CreatedUs }).HasDatabaseName("ix_intel_import_jobs_owner_created");
    }
}
