namespace Concord.Taxii.Features.Query;

/// <summary>Which filters an endpoint takes (T 3.4, and the endpoint tables of T 5).</summary>
[Flags]
internal enum FilterSet
{
    None = 0,
    Paging = 1,
    Id = 2,
    Type = 4,
    Version = 8,
    SpecVersion = 16,
    Collection = Paging | Id | Type | Version | SpecVersion,
    Object = Paging | Version | SpecVersion,
    Versions = Paging | SpecVersion,
    Delete = Version | SpecVersion,
}

/// <summary>The parsed, validated TAXII filters of one request.</summary>
internal sealed record TaxiiFilters
{
    public DateTimeOffset? AddedAfter { get; init; }

    public int Limit { get; init; }

    public long? After { get; init; }

    public IReadOnlyList<string>? Ids { get; init; }

    public IReadOnlyList<string>? Types { get; init; }

    public bool AllVersions { get; init; }

    /// <summary>Whether <c>match[version]</c> was given (its default differs between reading and deleting).</summary>
    public bool VersionGiven { get; init; }

    public bool First { get; init; }

    public bool Last { get; init; } = true;

    public IReadOnlyList<string>? VersionTimestamps { get; init; }

    public IReadOnlyList<string>? SpecVersions { get; init; }

    /// <summary>Writes and reads this reader's <c>next</c> tokens (null where the endpoint does not page).</summary>
    public PageToken? Tokens { get; init; }

    /// <summary>A digest of the request's filters; a <c>next</c> token is only valid with the same ones.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>True on a first page without <c>added_after</c>: an empty answer then means nothing matches at all.</summary>
    public bool IsUnbounded => AddedAfter is null && After is null;
}
