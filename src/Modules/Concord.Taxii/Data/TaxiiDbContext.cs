using Microsoft.EntityFrameworkCore;

namespace Concord.Taxii.Data;

/// <summary>The TAXII module's own table: status resources of Add Objects requests.</summary>
internal abstract class TaxiiDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TaxiiStatus> Statuses => Set<TaxiiStatus>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var status = modelBuilder.Entity<TaxiiStatus>();
        status.ToTable("taxii_statuses");
        status.HasKey(s => s.Id);
        status.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        status.Property(s => s.OwnerOrgId).HasColumnName("owner_org_id");
        status.Property(s => s.RequestedBy).HasColumnName("requested_by");
        status.Property(s => s.ApiRoot).HasColumnName("api_root");
        status.Property(s => s.CollectionId).HasColumnName("collection_id");
        status.Property(s => s.Complete).HasColumnName("complete");
        status.Property(s => s.RequestUs).HasColumnName("request_us");
        status.Property(s => s.ExpiresUs).HasColumnName("expires_us");
        status.Property(s => s.Total).HasColumnName("total");
        status.Property(s => s.Succeeded).HasColumnName("succeeded");
        status.Property(s => s.Failed).HasColumnName("failed");
        status.Property(s => s.Pending).HasColumnName("pending");
        status.Property(s => s.JobId).HasColumnName("job_id");
        status.Property(s => s.DetailsJson).HasColumnName("details_json");
        status.HasIndex(s => s.ExpiresUs).HasDatabaseName("ix_taxii_statuses_expires");
    }
}

internal sealed class SqliteTaxiiDbContext(DbContextOptions<SqliteTaxiiDbContext> options) : TaxiiDbContext(options);

internal sealed class PostgresTaxiiDbContext(DbContextOptions<PostgresTaxiiDbContext> options) : TaxiiDbContext(options);
