using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>
/// A feed the node fetches on a schedule and imports as its owner organisation. It is administrative configuration of
/// that organisation (read and changed by its admins and node admins only), not a shareable record: its TLP and scope
/// are what the imported objects get, not who may read the feed.
/// </summary>
internal sealed class FeedRecord
{
    public Guid Id { get; set; }

    public Guid OwnerOrgId { get; set; }

    public required string Name { get; set; }

    /// <summary><c>misp</c>, <c>text</c> or <c>csv</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>An http(s) URL, or (node admins only) an absolute folder or file path on the node.</summary>
    public required string Source { get; set; }

    /// <summary>CSV feeds: the column mapping as JSON (<see cref="Features.Feeds.CsvColumns"/>); null otherwise.</summary>
    public string? ColumnsJson { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    /// <summary>Scope sharing-group: the group (a feed takes a standing group, not a list of recipients).</summary>
    public Guid? SharingGroupId { get; set; }

    public int IntervalMinutes { get; set; }

    public bool Enabled { get; set; }

    public long CreatedUs { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the next run is due (µs since the epoch); a run claims the feed by moving it forward.</summary>
    public long NextRunUs { get; set; }

    /// <summary>Set while a run holds the feed (µs); a claim older than the lease is taken over (a killed process).</summary>
    public long? RunningSinceUs { get; set; }

    /// <summary>Text feeds and MISP manifests: the validators of the last answer, sent back to get a 304.</summary>
    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public long? LastStartedUs { get; set; }

    public long? LastFinishedUs { get; set; }

    public int LastRequests { get; set; }

    public int LastEventsFetched { get; set; }

    public int LastEventsSkipped { get; set; }

    public int LastEventsFailed { get; set; }

    public long LastStored { get; set; }

    public long LastDuplicates { get; set; }

    public long LastRejected { get; set; }

    /// <summary>What went wrong in the last run: the whole run's failure, or one line per failed event; null when none.</summary>
    public string? LastError { get; set; }
}

/// <summary>A MISP feed's event as last imported: the manifest timestamp seen, so only changed events are fetched again.</summary>
internal sealed class FeedEventState
{
    public Guid FeedId { get; set; }

    public required string EventUuid { get; set; }

    public long Timestamp { get; set; }
}
