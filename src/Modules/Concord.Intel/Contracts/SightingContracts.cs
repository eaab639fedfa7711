using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>What a sighting reports, stored in the STIX sighting as <c>x_concord_sighting_kind</c> (absent = sighting).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<SightingKind>))]
public enum SightingKind
{
    /// <summary>The indicator was seen: refreshes its score.</summary>
    Sighting,

    /// <summary>The indicator matched something benign: lowers its score.</summary>
    FalsePositive,

    /// <summary>The indicator no longer applies: its score is zero from then on.</summary>
    Expiration,
}

/// <summary>
/// The quick form of a sighting: a value (every visible indicator holding it) or an indicator id, how often and
/// when, and the sighting's own distribution. <see cref="Anonymous"/> leaves the reporting organisation out of the
/// STIX object and out of what any other organisation is shown. Without a distribution, a sighting of an indicator
/// whose owner is hosted on another node goes back to that owner alone (TLP:AMBER, its recipients: the owner), which
/// its node reads; any other keeps the reporter's default.
/// </summary>
public sealed record SightingReport
{
    public string? Value { get; init; }

    public string? SightingOf { get; init; }

    public SightingKind Kind { get; init; } = SightingKind.Sighting;

    public long Count { get; init; } = 1;

    /// <summary>When it was seen; now when absent.</summary>
    public DateTimeOffset? Seen { get; init; }

    public Tlp? Tlp { get; init; }

    public Scope? Scope { get; init; }

    public IReadOnlyCollection<Guid> Recipients { get; init; } = [];

    public Guid? SharingGroupId { get; init; }

    public bool Anonymous { get; init; }
}

/// <summary>The STIX sightings recorded, one per indicator sighted.</summary>
public sealed record RecordedSightings(IReadOnlyList<RecordedSighting> Sightings);

public sealed record RecordedSighting(string Id, string SightingOf);

/// <summary>
/// One sighting as a reader sees it. <see cref="Reporter"/> is null when the reporter chose anonymity and the reader
/// is another organisation. <see cref="CountsTowardScore"/>: whether it moves the indicator's shared score (only
/// when every reader of the indicator may read the sighting).
/// </summary>
public sealed record SightingView(
    string Id,
    string SightingOf,
    SightingKind Kind,
    long Count,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    Guid? Reporter,
    Tlp Tlp,
    Scope Scope,
    bool CountsTowardScore);

/// <summary>Totals over the sightings the reader may read, never over hidden ones.</summary>
public sealed record SightingTotals(long Sightings, long FalsePositives, long Expirations, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

public sealed record SightingList(string ObjectId, SightingTotals Totals, IReadOnlyList<SightingView> Items, bool More);

/// <summary>Sightings, false-positive reports and expirations of indicators.</summary>
public interface ISightings
{
    /// <summary>Records a STIX sighting of each indicator the principal may read that holds the value (or has the id).</summary>
    Task<Result<RecordedSightings>> RecordAsync(Principal principal, SightingReport report, CancellationToken cancellationToken);

    /// <summary>The sightings of a visible object that the principal may read, newest first, with totals over them.</summary>
    Task<Result<SightingList>> ListAsync(Principal principal, string objectId, int limit, CancellationToken cancellationToken);
}
