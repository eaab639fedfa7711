using Concord.Access;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>
/// A TAXII collection as a view over the store: which records it holds, before visibility narrows them further.
/// Null members do not filter.
/// </summary>
public sealed record TaxiiView
{
    public IReadOnlyCollection<string>? Types { get; init; }

    public Scope? Scope { get; init; }

    /// <summary>The sharing group (audience) records must be shared with.</summary>
    public Guid? AudienceId { get; init; }

    public Tlp? MaxTlp { get; init; }

    /// <summary>Only indicators whose current score is at least this (see the decay model).</summary>
    public double? MinScore { get; init; }
}

/// <summary>
/// The TAXII filters (T 3.4): <c>added_after</c>, <c>match[id|type|version|spec_version]</c>, a cursor and a limit.
/// Versions: <see cref="Last"/>, <see cref="First"/> and <see cref="VersionTimestamps"/> are ORed; <see cref="AllVersions"/> overrides them.
/// </summary>
public sealed record TaxiiQuery
{
    public required TaxiiView View { get; init; }

    public IReadOnlyCollection<string>? Ids { get; init; }

    public IReadOnlyCollection<string>? Types { get; init; }

    public bool AllVersions { get; init; }

    public bool Last { get; init; } = true;

    public bool First { get; init; }

    /// <summary>Exact versions (STIX timestamps compared with <c>modified</c>, else <c>created</c>).</summary>
    public IReadOnlyCollection<string>? VersionTimestamps { get; init; }

    public IReadOnlyCollection<string>? SpecVersions { get; init; }

    /// <summary>Only records whose <c>date_added</c> is strictly after this instant.</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary>Only records after this node sequence (the opaque cursor behind <c>next</c>).</summary>
    public long? AfterSequence { get; init; }

    public int Limit { get; init; } = 1000;

    /// <summary>Whether to read each object's JSON (false for manifests and version lists).</summary>
    public bool WithJson { get; init; } = true;

    /// <summary>
    /// Every organisation's copy of an id the principal may read, each with its owner, instead of one primary copy per
    /// (id, version): what a peer node reads, since each copy is its own record on the peer too. A copy is served only
    /// while the principal may read its newest version (the peer lets a narrowed copy go: <see cref="IWithdrawals"/>).
    /// </summary>
    public bool AllCopies { get; init; }
}

/// <summary>
/// One stored object version as TAXII serves it. <see cref="Version"/> is <c>modified</c>, else <c>created</c>, else null.
/// <see cref="OwnerOrgId"/>, <see cref="Tlp"/>, <see cref="Scope"/> and <see cref="AudienceId"/> are the record's
/// distribution, which only a peer node's envelope carries on (the federation's provenance).
/// </summary>
public sealed record TaxiiRecord(
    string Id, string? Version, string SpecVersion, long Sequence, DateTimeOffset DateAdded, ReadOnlyMemory<byte> Json,
    Guid OwnerOrgId, Tlp Tlp, Scope Scope, Guid? AudienceId);

/// <summary>A page in <c>date_added</c> order; <see cref="More"/> says whether records follow the last one.</summary>
public sealed record TaxiiPage(IReadOnlyList<TaxiiRecord> Items, bool More);

/// <summary>TAXII reads over the store, filtered by <see cref="Visibility"/> for the principal and by the collection view.</summary>
public interface ITaxiiObjectSource
{
    Task<TaxiiPage> ReadAsync(Principal principal, TaxiiQuery query, CancellationToken cancellationToken);

    /// <summary>Whether the collection view holds any version of the object that the principal may read.</summary>
    Task<bool> ExistsAsync(Principal principal, TaxiiView view, string id, CancellationToken cancellationToken);
}
