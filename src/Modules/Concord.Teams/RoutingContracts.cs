using Concord.Access;
using Concord.Observables;
using Concord.Platform;

namespace Concord.Teams;

/// <summary>A kind of record a source routes (<c>object</c>, <c>sighting</c>; later <c>case-observable</c>): teams opt out per kind.</summary>
public sealed record RoutingKind(string Name, string Title);

/// <summary>
/// A new or changed record that names observable values: which record (an id the source alone interprets, one per
/// version), what kind it is, who owns it, when it was stored (microseconds since the epoch) and the values it names as
/// its owner reads it. Those only find the teams to consider; each is then told only of what it reads itself.
/// </summary>
public sealed record NamedRecordChange(long Position, string RecordId, string Kind, Guid OwnerOrgId, long AddedUs, IReadOnlyList<Observable> Values);

/// <summary>The source's next changes after a position, and the position to read from next (past what it skipped).</summary>
public sealed record NamedRecordChanges(IReadOnlyList<NamedRecordChange> Changes, long Next);

/// <summary>
/// A record as one reader reads it: a title, a link into the UI and the values it names. A source leaves out the owner
/// where the reader may not know it (an anonymous sighting).
/// </summary>
public sealed record NamedRecordView(string Title, string Link, IReadOnlyList<Observable> Values);

/// <summary>
/// A module whose records name observable values (Intel's objects and sightings; Incidents' case observables), read by
/// constituency routing: the routing follows <see cref="ChangesAsync"/> from its own mark, and reads each record as
/// each team it considers through <see cref="ReadAsync"/>, which is the source's visibility door. A team is told only
/// when it may read the record and the record, as that team reads it, still names a value in its constituency.
/// </summary>
public interface IConstituencySource
{
    /// <summary>The source's name, which prefixes its notifications' subjects and names its mark (<c>intel</c>).</summary>
    string Name { get; }

    /// <summary>The kinds of record it routes, each one a team may opt out of.</summary>
    IReadOnlyList<RoutingKind> Kinds { get; }

    /// <summary>
    /// The records among the next <paramref name="limit"/> changes after <paramref name="after"/> that name values, in
    /// commit order, and where to read from next. Only records stored since <paramref name="sinceUs"/> are read.
    /// </summary>
    Task<NamedRecordChanges> ChangesAsync(long after, int limit, long sinceUs, CancellationToken cancellationToken);

    /// <summary>The record as <paramref name="reader"/> reads it, through the visibility door; null when it may not.</summary>
    Task<NamedRecordView?> ReadAsync(Principal reader, string recordId, CancellationToken cancellationToken);
}

/// <summary>One routing kind and whether a team is told of it.</summary>
public sealed record RoutingKindSetting(string Kind, string Title, bool Routed);

/// <summary>What constituency routing tells a team: every kind is routed unless the team opted out of it.</summary>
public sealed record RoutingSettings(Guid OrganisationId, IReadOnlyList<RoutingKindSetting> Kinds);

/// <summary>A team's routing choice, replaced whole: the kinds it opts out of (none: told of everything).</summary>
public sealed record RoutingSettingsUpdate(IReadOnlyList<string>? OptOut);

/// <summary>
/// A team's constituency routing settings: read by its organisation's members and the secretariat, changed by its
/// organisation's admins and the secretariat.
/// </summary>
public interface IConstituencyRouting
{
    Task<Result<RoutingSettings>> GetAsync(Principal reader, Guid organisationId, CancellationToken cancellationToken);

    Task<Result<RoutingSettings>> SetAsync(Principal editor, Guid organisationId, RoutingSettingsUpdate update, CancellationToken cancellationToken);
}
