using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

internal enum AudienceKind
{
    /// <summary>A named, owned, editable set of organisations.</summary>
    SharingGroup = 0,

    /// <summary>A fixed set of named recipients (owner included); the same set is always the same audience.</summary>
    Recipients = 1,
}

/// <summary>A set of organisations a record can be shared with: a sharing group or a recipient list.</summary>
internal sealed class Audience
{
    public Guid Id { get; set; }

    public AudienceKind Kind { get; set; }

    /// <summary>Sharing groups only.</summary>
    public string? Name { get; set; }

    /// <summary>The owning organisation of a sharing group; null for a recipient list.</summary>
    public Guid? OwnerOrgId { get; set; }

    /// <summary>Recipient lists only: a hash of the sorted member ids, unique, so a set maps to one audience.</summary>
    public string? MemberKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<AudienceMember> Members { get; set; } = [];
}

internal sealed class AudienceMember
{
    public Guid AudienceId { get; set; }

    public Guid OrganisationId { get; set; }
}

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> builder)
    {
        builder.ToTable("access_audiences");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.MemberKey).HasMaxLength(64);
        builder.HasIndex(a => a.MemberKey).IsUnique();
        builder.HasIndex(a => a.OwnerOrgId);
        builder.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AudienceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AudienceMemberConfiguration : IEntityTypeConfiguration<AudienceMember>
{
    public void Configure(EntityTypeBuilder<AudienceMember> builder)
    {
        builder.ToTable("access_audience_members");
        builder.HasKey(m => new { m.AudienceId, m.OrganisationId });
        builder.HasIndex(m => m.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
