using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Features.Import;

/// <summary>One validated object on its way into the store, with its extracted columns and distribution.</summary>
internal sealed record IngestRow(
    string StixId,
    string Type,
    string? SpecVersion,
    string? Created,
    string? Modified,
    long? CreatedUs,
    long? ModifiedUs,
    long VersionUs,
    bool Revoked,
    string? CreatedByRef,
    string? Name,
    string? Description,
    string? Labels,
    Guid OwnerOrgId,
    Tlp Tlp,
    Scope Scope,
    Guid? AudienceId,
    ReadOnlyMemory<byte> Json)
{
    private byte[]? _contentHash;

    /// <summary>What identical copies share (computed once, on first use: the ingest pipeline does it while parsing).</summary>
    public byte[] ContentHash => _contentHash ??= Import.ContentHash.Of(Json.Span);

    /// <summary>The correlation index keys of the object's observables (null: none, or indexing is off for this run).</summary>
    public byte[][]? ObservableKeys { get; init; }

    /// <summary>Computes <see cref="ContentHash"/> now (on the parsing thread rather than the writer's).</summary>
    public IngestRow WithContentHash()
    {
        _ = ContentHash;
        return this;
    }

    /// <summary>The tokens of the text index (null: not indexed).</summary>
    public Features.Search.SearchDocument? Search { get; init; }

    /// <summary>Labels as stored: <c>|a|b|</c>, or null when there are none.</summary>
    public static string? JoinLabels(IReadOnlyList<string> labels) =>
        labels.Count == 0 ? null : "|" + string.Join('|', labels.Select(l => Clean(l)!.Replace('|', '/'))) + "|";

    /// <summary>PostgreSQL text cannot hold NUL; the exact JSON keeps it, the search columns drop it.</summary>
    public static string? Clean(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace("\0", string.Empty, StringComparison.Ordinal);
}
