using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Data;

/// <summary>The Incidents module's tables: cases, their contributions, attachment bytes, assistance requests and their events, and the change feed.</summary>
internal abstract class IncidentsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<CaseRow> Cases => Set<CaseRow>();

    public DbSet<ContributionRow> Contributions => Set<ContributionRow>();

    public DbSet<AttachmentBlobRow> Blobs => Set<AttachmentBlobRow>();

    public DbSet<CaseChangeRow> Changes => Set<CaseChangeRow>();

    public DbSet<RequestRow> Requests => Set<RequestRow>();

    public DbSet<RequestEventRow> RequestEvents => Set<RequestEventRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var c = modelBuilder.Entity<CaseRow>();
        c.ToTable("incidents_cases");
        c.HasKey(r => r.Id);
        c.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        c.Property(r => r.OwnerOrgId).HasColumnName("owner_org_id");
        c.Property(r => r.Tlp).HasColumnName("tlp");
        c.Property(r => r.Scope).HasColumnName("scope");
        c.Property(r => r.AudienceId).HasColumnName("audience_id");
        c.Property(r => r.Title).HasColumnName("title").HasMaxLength(300);
        c.Property(r => r.Summary).HasColumnName("summary");
        c.Property(r => r.Category).HasColumnName("category").HasMaxLength(100);
        c.Property(r => r.Severity).HasColumnName("severity");
        c.Property(r => r.Status).HasColumnName("status");
        c.Property(r => r.Pap).HasColumnName("pap");
        c.Property(r => r.Countries).HasColumnName("countries");
        c.Property(r => r.Sectors).HasColumnName("sectors");
        c.Property(r => r.CreatedUs).HasColumnName("created_us");
        c.Property(r => r.UpdatedUs).HasColumnName("updated_us");
        c.HasIndex(r => r.OwnerOrgId).HasDatabaseName("ix_incidents_cases_owner");
        c.HasIndex(r => r.AudienceId).HasDatabaseName("ix_incidents_cases_audience");

        var k = modelBuilder.Entity<ContributionRow>();
        k.ToTable("incidents_contributions");
        k.HasKey(r => r.Id);
        k.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        k.Property(r => r.CaseId).HasColumnName("case_id");
        k.Property(r => r.Kind).HasColumnName("kind");
        k.Property(r => r.AuthorOrgId).HasColumnName("author_org_id");
        k.Property(r => r.Tlp).HasColumnName("tlp");
        k.Property(r => r.AudienceId).HasColumnName("audience_id");
        k.Property(r => r.Withdrawn).HasColumnName("withdrawn");
        k.Property(r => r.CreatedUs).HasColumnName("created_us");
        k.Property(r => r.Text).HasColumnName("text");
        k.Property(r => r.AtUs).HasColumnName("at_us");
        k.Property(r => r.AssigneeOrgId).HasColumnName("assignee_org_id");
        k.Property(r => r.Done).HasColumnName("done");
        k.Property(r => r.FileName).HasColumnName("file_name").HasMaxLength(255);
        k.Property(r => r.ContentType).HasColumnName("content_type").HasMaxLength(255);
        k.Property(r => r.Size).HasColumnName("size");
        k.Property(r => r.Sha256).HasColumnName("sha256").HasMaxLength(64);
        k.Property(r => r.ValueKind).HasColumnName("value_kind").HasMaxLength(40);
        k.Property(r => r.Value).HasColumnName("value");
        k.Property(r => r.IntelRef).HasColumnName("intel_ref").HasMaxLength(300);
        k.HasIndex(r => new { r.CaseId, r.CreatedUs }).HasDatabaseName("ix_incidents_contributions_case");
        k.HasIndex(r => r.AuthorOrgId).HasDatabaseName("ix_incidents_contributions_author");

        var b = modelBuilder.Entity<AttachmentBlobRow>();
        b.ToTable("incidents_attachment_blobs");
        b.HasKey(r => r.ContributionId);
        b.Property(r => r.ContributionId).HasColumnName("contribution_id").ValueGeneratedNever();
        b.Property(r => r.Content).HasColumnName("content");

        var f = modelBuilder.Entity<CaseChangeRow>();
        f.ToTable("incidents_changes");
        f.HasKey(r => r.Seq);
        f.Property(r => r.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        f.Property(r => r.CaseId).HasColumnName("case_id");
        f.Property(r => r.Kind).HasColumnName("kind");
        f.Property(r => r.OwnerOrgId).HasColumnName("owner_org_id");
        f.Property(r => r.AtUs).HasColumnName("at_us");

        var q = modelBuilder.Entity<RequestRow>();
        q.ToTable("incidents_requests");
        q.HasKey(r => r.Id);
        q.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        q.Property(r => r.CaseId).HasColumnName("case_id");
        q.Property(r => r.RequesterOrgId).HasColumnName("requester_org_id");
        q.Property(r => r.ReceiverOrgId).HasColumnName("receiver_org_id");
        q.Property(r => r.Kind).HasColumnName("kind");
        q.Property(r => r.Text).HasColumnName("text");
        q.Property(r => r.Urgency).HasColumnName("urgency");
        q.Property(r => r.Status).HasColumnName("status");
        q.Property(r => r.Norm).HasColumnName("norm").HasMaxLength(1);
        q.Property(r => r.Owner).HasColumnName("owner").HasMaxLength(300);
        q.Property(r => r.CreatedUs).HasColumnName("created_us");
        q.Property(r => r.AcknowledgeByUs).HasColumnName("acknowledge_by_us");
        q.Property(r => r.RespondByUs).HasColumnName("respond_by_us");
        q.Property(r => r.AcknowledgedUs).HasColumnName("acknowledged_us");
        q.Property(r => r.ResolvedUs).HasColumnName("resolved_us");
        q.Property(r => r.UpdatedUs).HasColumnName("updated_us");
        q.Property(r => r.EscalationStage).HasColumnName("escalation_stage");
        q.Property(r => r.EscalateAtUs).HasColumnName("escalate_at_us");
        q.HasIndex(r => r.CaseId).HasDatabaseName("ix_incidents_requests_case");
        q.HasIndex(r => new { r.ReceiverOrgId, r.Status }).HasDatabaseName("ix_incidents_requests_receiver");
        q.HasIndex(r => r.RequesterOrgId).HasDatabaseName("ix_incidents_requests_requester");
        q.HasIndex(r => r.CreatedUs).HasDatabaseName("ix_incidents_requests_created");
        q.HasIndex(r => r.EscalateAtUs).HasDatabaseName("ix_incidents_requests_escalate");

        var e = modelBuilder.Entity<RequestEventRow>();
        e.ToTable("incidents_request_events");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(r => r.RequestId).HasColumnName("request_id");
        e.Property(r => r.Kind).HasColumnName("kind");
        e.Property(r => r.ActorOrgId).HasColumnName("actor_org_id");
        e.Property(r => r.Text).HasColumnName("text");
        e.Property(r => r.Stage).HasColumnName("stage");
        e.Property(r => r.AtUs).HasColumnName("at_us");
        e.HasIndex(r => new { r.RequestId, r.AtUs }).HasDatabaseName("ix_incidents_request_events_request");
    }
}

internal sealed class SqliteIncidentsDbContext(DbContextOptions<SqliteIncidentsDbContext> options) : IncidentsDbContext(options);

internal sealed class PostgresIncidentsDbContext(DbContextOptions<PostgresIncidentsDbContext> options) : IncidentsDbContext(options);
