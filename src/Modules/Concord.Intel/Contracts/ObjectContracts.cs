using Concord.Access;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>
/// Filters for reading stored objects. Results are ordered by the node's <c>date_added</c> sequence, so a
/// cursor (<see cref="After"/>) stays stable while objects are added.
/// </summary>
public sealed record ObjectQuery
{
    public string? Type { get; init; }

    public string? Label { get; init; }

    public string? CreatedByRef { get; init; }

    public DateTimeOffset? ModifiedFrom { get; init; }

    public DateTimeOffset? ModifiedTo { get; init; }

    /// <summary>
    /// Words searched in the text index: names, descriptions, labels, aliases and external ids (<c>T1566</c>,
    /// <c>CVE-2021-44228</c>). Case-insensitive whole words; a word ending in <c>*</c> matches as a prefix.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>
    /// With <see cref="Text"/>: most relevant first — the query equal to an external id, alias or name, then all words in
    /// the name, aliases or ids, then all words anywhere — newest first within each; <see cref="After"/> is then a
    /// cursor into that order. Without text it changes nothing.
    /// </summary>
    public bool Relevance { get; init; }

    public Tlp? Tlp { get; init; }

    /// <summary>A TLP ceiling: only objects whose TLP is at most this (AMBER: CLEAR, GREEN and AMBER).</summary>
    public Tlp? TlpMax { get; init; }

    public Guid? Owner { get; init; }

    /// <summary>Only objects past this sequence number in the page order (a cursor): after it, or before it when <see cref="NewestFirst"/>.</summary>
    public long? After { get; init; }

    /// <summary>Newest additions first (what a person searching wants); the default oldest-first order suits sync.</summary>
    public bool NewestFirst { get; init; }

    /// <summary>Every stored version instead of the latest one of each object.</summary>
    public bool AllVersions { get; init; }

    /// <summary>Only indicators whose score (0–100) is at least this now.</summary>
    public double? MinScore { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>
    /// Leaves out objects whose observables are all on the node's warninglists (objects without observables stay).
    /// Pages may then hold fewer than <see cref="Limit"/> objects; follow the cursor to the end.
    /// </summary>
    public bool ExcludeWarninglisted { get; init; }

    /// <summary>Types left out (the intel list hides relationships unless asked for them).</summary>
    public IReadOnlyList<string> ExcludeTypes { get; init; } = [];

    /// <summary>
    /// A numbered page: skip this many matching rows in <see cref="Sort"/> order (at most <see cref="MaxOffset"/>), instead
    /// of following the <see cref="After"/> cursor. Offsets count only rows the reader may read, so they reveal nothing;
    /// <see cref="ObjectPage.Next"/> is then the offset of the next page.
    /// </summary>
    public int? Offset { get; init; }

    /// <summary>The order of a numbered page (<see cref="Offset"/>); null: relevance with text, else date added.</summary>
    public ObjectSort? Sort { get; init; }

    /// <summary>With <see cref="Sort"/>: largest first (newest, highest score, strictest TLP, Z before A).</summary>
    public bool Descending { get; init; }

    /// <summary>The deepest numbered page starts here: past it, narrow the filters (or follow cursors).</summary>
    public const int MaxOffset = 10_000;
}

/// <summary>Orders of a numbered page. Ties are broken newest addition first.</summary>
public enum ObjectSort
{
    /// <summary>The node's <c>date_added</c> sequence.</summary>
    Added,

    /// <summary>The version time (<c>modified</c>, else <c>created</c>).</summary>
    Modified,

    /// <summary>Name, case-insensitively; objects without one last.</summary>
    Name,

    /// <summary>An indicator's current score; other objects, and indicators not scored yet, last.</summary>
    Score,

    /// <summary>The TLP level (CLEAR lowest, RED highest).</summary>
    Tlp,

    /// <summary>With text: the relevance tiers of <see cref="ObjectQuery.Relevance"/>, best first (direction ignored).</summary>
    Relevance,
}

/// <summary>How many objects match, up to a cap: <see cref="More"/> says there are more than <see cref="Value"/>.</summary>
public sealed record ObjectCount(int Value, bool More);

/// <summary>One stored version of a STIX object, with the node's metadata. <see cref="Json"/> is the exact bytes received.</summary>
public sealed record StoredStixObject(
    string Id,
    string Type,
    string? Version,
    bool Revoked,
    long Sequence,
    DateTimeOffset DateAdded,
    Guid OwnerOrgId,
    Tlp Tlp,
    Scope Scope,
    Guid? AudienceId,
    ReadOnlyMemory<byte> Json) : IShareable
{
    /// <summary>An indicator's current score (0–100, one decimal), from the decay model; null for other objects.</summary>
    public double? Score { get; init; }

    /// <summary>
    /// A sighting whose reporter chose anonymity (<c>x_concord_anonymous</c>): whoever shows it to an organisation
    /// other than <see cref="OwnerOrgId"/> must not show the owner (nor its audience).
    /// </summary>
    public bool AnonymousReporter { get; init; }

    /// <summary>
    /// The other organisations whose own copy of this (id, version) the reader may see and whose bytes are identical:
    /// one result, every visible owner (ownership is part of identity: each organisation's copy is its own).
    /// </summary>
    public IReadOnlyList<Guid> AlsoSharedBy { get; init; } = [];

    /// <summary>Other organisations' copies of this id the reader may see (filled when one object is read by id).</summary>
    public IReadOnlyList<ObjectCopy> OtherCopies { get; init; } = [];

    /// <summary>The organisation to show <paramref name="reader"/> as this object's reporter: null for an anonymous sighting read by anyone but its reporter.</summary>
    public Guid? ReporterFor(Principal reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return AnonymousReporter && reader.OrganisationId != OwnerOrgId ? null : OwnerOrgId;
    }
}

/// <summary>
/// Another organisation's copy of an object id: its newest version the reader may see, and whether that version's bytes
/// equal the version it is listed with.
/// </summary>
public sealed record ObjectCopy(Guid Owner, string? Version, bool Revoked, Tlp Tlp, Scope Scope, bool Identical);

/// <summary>A page of objects and the cursor of the next page (null on the last page).</summary>
public sealed record ObjectPage(IReadOnlyList<StoredStixObject> Items, long? Next);

/// <summary>
/// What a deletion removed: <see cref="Versions"/> oldest first (null for an SCO's single version),
/// <see cref="LastModified"/> the newest of them, and how many versions the owner still holds.
/// </summary>
public sealed record DeletedObject(
    string Id, string? LastModified, DateTimeOffset DeletedAt, Guid OwnerOrgId, int VersionsRemoved, IReadOnlyList<string?> Versions, int VersionsLeft);
