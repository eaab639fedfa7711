using System.ComponentModel.DataAnnotations;

namespace Concord.Intel;

/// <summary>Intel settings, bound from <c>Concord:Intel</c> and validated on start.</summary>
internal sealed class IntelOptions
{
    public const string Section = "Concord:Intel";

    /// <summary>REST bodies up to this size are imported while the client waits; larger ones become jobs (<see cref="IImportRouting"/>).</summary>
    [Range(1, long.MaxValue)]
    public long SyncImportMaxBytes { get; set; } = 16L << 20;

    /// <summary>TAXII envelopes up to this size are added while the client waits; larger ones become jobs with a pending status.</summary>
    [Range(0, long.MaxValue)]
    public long TaxiiSyncImportMaxBytes { get; set; } = 1L << 20;

    /// <summary>The largest import body accepted at all; beyond it the API answers 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImportBytes { get; set; } = 4L << 30;

    /// <summary>How many rejected objects a report lists (all are counted).</summary>
    [Range(1, 100_000)]
    public int MaxReportedErrors { get; set; } = 1000;

    /// <summary>How many rejected objects a job keeps in its status.</summary>
    [Range(1, 10_000)]
    public int MaxJobErrors { get; set; } = 200;

    /// <summary>How often the job worker looks for queued jobs when nobody signals it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the feed scheduler looks for due feeds (a feed's own interval is in minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
