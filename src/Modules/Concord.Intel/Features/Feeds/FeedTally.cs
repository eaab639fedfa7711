using System.Globalization;
using Concord.Intel.Data;

namespace Concord.Intel.Features.Feeds;

/// <summary>What one run did, written to the feed's last-run columns when it ends.</summary>
internal sealed class FeedTally
{
    /// <summary>Lines kept of per-event failures: enough to act on, bounded so one broken feed cannot grow the row.</summary>
    public const int MaxProblems = 20;

    public int EventsFetched { get; set; }

    public int EventsSkipped { get; set; }

    public int EventsFailed { get; set; }

    public long Stored { get; private set; }

    public long Duplicates { get; private set; }

    public long Rejected { get; private set; }

    public string? Failure { get; set; }

    public List<string> Problems { get; } = [];

    public void Add(ImportReport report)
    {
        Stored += report.Stored;
        Duplicates += report.Duplicates;
        Rejected += report.Rejected;
    }

    public void Problem(string text)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(text);
        }
    }

    public string? ErrorText => Failure is null && Problems.Count == 0 ? null : string.Join('\n', Failure is null ? Problems : [Failure, .. Problems]);

    public string Detail(int requests) => string.Create(CultureInfo.InvariantCulture,
        $"requests {requests}, events fetched {EventsFetched}, skipped {EventsSkipped}, failed {EventsFailed}, stored {Stored}, duplicates {Duplicates}, rejected {Rejected}");
}
