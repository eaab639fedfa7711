using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>
/// One entry of the audit trail. Entries are numbered 1, 2, 3… without gaps and each holds the hash of the one before
/// it (<see cref="PreviousHash"/>) and its own (<see cref="Hash"/>, over its fields and the previous hash), so a changed,
/// removed or reordered entry breaks the chain where it happened (<c>concord audit verify</c>). Never updated.
/// </summary>
internal sealed class AuditEntry
{
    public long Seq { get; set; }

    /// <summary>When, in microseconds since the epoch (UTC).</summary>
    public long AtUs { get; set; }

    public required string ActorKind { get; set; }

    public Guid? ActorId { get; set; }

    public Guid? ActorOrganisationId { get; set; }

    public AuditChannel Channel { get; set; }

    public string? Address { get; set; }

    public required string Action { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public Guid? TargetOrganisationId { get; set; }

    public string? Detail { get; set; }

    public bool Succeeded { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("access_audit");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(e => e.AtUs).HasColumnName("at_us");
        builder.Property(e => e.ActorKind).HasColumnName("actor_kind");
        builder.Property(e => e.ActorId).HasColumnName("actor_id");
        builder.Property(e => e.ActorOrganisationId).HasColumnName("actor_org_id");
        builder.Property(e => e.Channel).HasColumnName("channel");
        builder.Property(e => e.Address).HasColumnName("address");
        builder.Property(e => e.Action).HasColumnName("action");
        builder.Property(e => e.TargetType).HasColumnName("target_type");
        builder.Property(e => e.TargetId).HasColumnName("target_id");
        builder.Property(e => e.TargetOrganisationId).HasColumnName("target_org_id");
        builder.Property(e => e.Detail).HasColumnName("detail");
        builder.Property(e => e.Succeeded).HasColumnName("succeeded");
        builder.Property(e => e.PreviousHash).HasColumnName("previous_hash");
        builder.Property(e => e.Hash).HasColumnName("hash");

        // An organisation's administrators read the entries of its people and about its records; a user, their sign-ins.
        builder.HasIndex(e => new { e.ActorOrganisationId, e.Seq }).HasDatabaseName("ix_access_audit_actor_org_seq");
        builder.HasIndex(e => new { e.TargetOrganisationId, e.Seq }).HasDatabaseName("ix_access_audit_target_org_seq");
        builder.HasIndex(e => new { e.ActorId, e.Seq }).HasDatabaseName("ix_access_audit_actor_seq");
        builder.HasIndex(e => new { e.Action, e.Seq }).HasDatabaseName("ix_access_audit_action_seq");
    }
}
