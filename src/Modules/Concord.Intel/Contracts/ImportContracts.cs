using Concord.Access;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>What to do when some objects of a bundle are invalid.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<ImportPolicy>))]
public enum ImportPolicy
{
    /// <summary>One invalid object rejects the whole bundle; nothing is stored and every error is reported.</summary>
    AllOrNothing,

    /// <summary>Valid objects are stored; each rejected object is reported by index and id with its errors.</summary>
    BestEffort,
}

/// <summary>
/// How an import is distributed. TLP comes from each object's markings, else <see cref="Tlp"/>, else the owner
/// organisation's default. Scope: <see cref="Scope"/> when given; otherwise <c>recipients</c> when recipients are
/// named, <c>sharing-group</c> when a group is named, else (MISP JSON) the scope its distribution maps to, narrowed to
/// what each object's TLP allows, else the safe default per object: <c>alliance</c> for CLEAR and GREEN, <c>owner</c>
/// for AMBER, AMBER+STRICT and RED. A requested scope wider than an object's TLP allows rejects that object.
/// </summary>
public sealed record ImportOptions
{
    public ImportPolicy Policy { get; init; } = ImportPolicy.AllOrNothing;

    public Tlp? Tlp { get; init; }

    public Scope? Scope { get; init; }

    public IReadOnlyCollection<Guid> Recipients { get; init; } = [];

    public Guid? SharingGroupId { get; init; }

    /// <summary>
    /// Answer as soon as the objects are stored, whatever their number, and let scores and sightings follow in the
    /// background: for a caller that does not read them next (a peer's pages, one after another).
    /// </summary>
    public bool ScoreInBackground { get; init; }
}

/// <summary>Live counters of a running import.</summary>
public sealed record ImportProgress(long Processed, long Stored, long Duplicates, long Rejected, long Warninglisted, long BytesRead);

/// <summary>One finding about a rejected object.</summary>
public sealed record ObjectIssue(string Path, string Rule, string Message);

/// <summary>An object that was not stored: its position in the bundle, its id when known, and why.</summary>
public sealed record RejectedObject(int Index, string? Id, IReadOnlyList<ObjectIssue> Issues);

/// <summary>
/// The outcome of an import. <see cref="Committed"/> is false when an all-or-nothing import was rejected
/// (then <see cref="Stored"/> is 0). <see cref="Errors"/> is bounded; <see cref="ErrorsTruncated"/> says so.
/// </summary>
public sealed record ImportReport(
    ImportPolicy Policy,
    bool Committed,
    long Processed,
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyList<RejectedObject> Errors,
    bool ErrorsTruncated)
{
    /// <summary>
    /// How many observables of the valid objects are on the node's warninglists (known false positives such as public
    /// resolvers): flagged at ingest so the importer sees it; the objects are stored all the same.
    /// </summary>
    public long Warninglisted { get; init; }

    /// <summary>The format the body was in: <c>stix</c> (a bundle or TAXII envelope) or <c>misp</c>.</summary>
    public string Format { get; init; } = "stix";

    /// <summary>For a MISP import: what was read and what was left out on purpose; null for a STIX bundle.</summary>
    public MispImportSummary? Misp { get; init; }
}

/// <summary>
/// What a MISP import read: events, attributes (outside and inside objects), objects and sightings converted, and what
/// it left out on purpose and counts instead of storing: deleted attributes and objects (soft-deleted in MISP) and
/// proposals (MISP's <c>ShadowAttribute</c>s, suggested changes nobody accepted).
/// </summary>
public sealed record MispImportSummary(
    long Events,
    long Attributes,
    long Objects,
    long Sightings,
    long DeletedAttributes,
    long DeletedObjects,
    long Proposals);
