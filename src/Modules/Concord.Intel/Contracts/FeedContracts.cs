using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>What a feed publishes.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<FeedKind>))]
public enum FeedKind
{
    /// <summary>A MISP feed: <c>manifest.json</c> and one <c>&lt;uuid&gt;.json</c> per event.</summary>
    Misp,

    /// <summary>One value a line; <c>#</c> starts a comment, and what follows the value (a tab, a space) is ignored.</summary>
    Text,

    /// <summary>CSV with a column mapping (<see cref="CsvColumns"/>).</summary>
    Csv,
}

/// <summary>
/// Which CSV columns (numbered from 1) hold the value and, optionally, a comment (the indicator's description) and the
/// first-seen date (its <c>valid_from</c>). A first line whose value column is not a value (a header) is skipped.
/// </summary>
public sealed record CsvColumns(int Value, int? Comment = null, int? FirstSeen = null);

/// <summary>A feed as its administrator sets it up. <see cref="Owner"/> null: the caller's organisation.</summary>
public sealed record FeedSettings(
    string Name,
    FeedKind Kind,
    string Source,
    Tlp Tlp,
    Scope Scope,
    int IntervalMinutes,
    bool Enabled = true,
    CsvColumns? Columns = null,
    Guid? SharingGroupId = null,
    Guid? Owner = null);

/// <summary>
/// What a feed's last run did: requests sent, MISP events fetched, skipped (unchanged) and failed, the objects stored,
/// already present, and rejected, and what went wrong (the run's failure, or one line per failed event).
/// </summary>
public sealed record FeedRunSummary(
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    int Requests,
    int EventsFetched,
    int EventsSkipped,
    int EventsFailed,
    long Stored,
    long Duplicates,
    long Rejected,
    string? Error);

/// <summary>A feed and its last run.</summary>
public sealed record FeedInfo(
    Guid Id,
    Guid Owner,
    string Name,
    FeedKind Kind,
    string Source,
    CsvColumns? Columns,
    Tlp Tlp,
    Scope Scope,
    Guid? SharingGroupId,
    int IntervalMinutes,
    bool Enabled,
    DateTimeOffset Created,
    string CreatedBy,
    DateTimeOffset NextRun,
    bool Running,
    FeedRunSummary? LastRun);

/// <summary>
/// Feeds the node fetches on a schedule and imports as their owner organisation, with the feed's TLP and scope. An
/// organisation's admins manage its feeds; node admins manage every feed and alone may name a folder on the node as a
/// source (it reads the server's disk). Others are told a feed does not exist.
/// </summary>
public interface IIntelFeeds
{
    Task<Result<IReadOnlyList<FeedInfo>>> ListAsync(Principal principal, CancellationToken cancellationToken);

    Task<Result<FeedInfo>> GetAsync(Principal principal, Guid id, CancellationToken cancellationToken);

    Task<Result<FeedInfo>> CreateAsync(Principal principal, FeedSettings settings, CancellationToken cancellationToken);

    Task<Result<FeedInfo>> UpdateAsync(Principal principal, Guid id, FeedSettings settings, CancellationToken cancellationToken);

    Task<Result<bool>> DeleteAsync(Principal principal, Guid id, CancellationToken cancellationToken);

    /// <summary>Runs the feed now and answers it with this run's summary; a feed another run holds is a conflict.</summary>
    Task<Result<FeedInfo>> RunAsync(Principal principal, Guid id, CancellationToken cancellationToken);
}
