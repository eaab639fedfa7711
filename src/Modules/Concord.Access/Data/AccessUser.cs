using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>A local account (ASP.NET Core Identity: hashed password, lockout, security stamp).</summary>
internal sealed class AccessUser : IdentityUser<Guid>
{
    /// <summary>Null only for a node admin who speaks for no organisation.</summary>
    public Guid? OrganisationId { get; set; }

    public Role Role { get; set; }

    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the user last signed in (a session started), for administrators; null until the first sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}

internal sealed class AccessUserConfiguration : IEntityTypeConfiguration<AccessUser>
{
    public void Configure(EntityTypeBuilder<AccessUser> builder)
    {
        builder.ToTable("access_users");
        builder.HasIndex(u => u.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
