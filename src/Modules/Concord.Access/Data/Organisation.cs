using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

internal sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-cased name: names are unique regardless of case.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; set; }

    public string? Sector { get; set; }

    public OrganisationType Type { get; set; }

    public Tlp DefaultTlp { get; set; } = Tlp.Amber;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A federated organisation's home node (null: hosted here). It has no users here; its peer speaks for it.</summary>
    public Guid? HomeNodeId { get; set; }

    public string? HomeNodeName { get; set; }

    /// <summary>A federated organisation's id on its home node.</summary>
    public Guid? RemoteId { get; set; }

    public OrganisationInfo ToInfo() => new(Id, Name, Country, Type, Sector, DefaultTlp,
        HomeNodeId is { } node ? new OrganisationHome(node, HomeNodeName ?? "", RemoteId ?? Guid.Empty) : null);

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("access_organisations");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.NormalizedName).HasMaxLength(200);
        builder.HasIndex(o => o.NormalizedName).IsUnique();
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.Sector).HasMaxLength(100);
        builder.Property(o => o.HomeNodeName).HasMaxLength(100);
        builder.HasIndex(o => new { o.HomeNodeId, o.RemoteId }).IsUnique();
    }
}
