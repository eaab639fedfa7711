using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>
/// An API key. Only the SHA-256 hash of its secret is stored: the secret is 32 random bytes, so a fast hash is
/// enough (nothing to brute-force), and the plaintext is shown once at creation.
/// </summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid CreatedByUserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The public, random part of the key that identifies it (<c>ck_&lt;prefix&gt;_&lt;secret&gt;</c>).</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("access_api_keys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => k.OrganisationId);
        builder.HasIndex(k => k.CreatedByUserId);
        builder.Property(k => k.SecretHash).HasMaxLength(32);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccessUser>().WithMany().HasForeignKey(k => k.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
