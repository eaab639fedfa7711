using Concord.Intel.Data;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// One run of a plain-text or CSV feed: the file with the last answer's validators (a 304 ends the run at one request),
/// else every value as an indicator (<see cref="TextFeedBundle"/>): values already stored are duplicates, so only new
/// ones are written. A value that leaves the list is left as it is (see the README's "Feeds": lists drop values for room,
/// not because they turned harmless, and scores decay with age anyway).
/// </summary>
internal static class TextFeedRun
{
    public static async Task<(string? ETag, string? LastModified)> RunAsync(FeedFetcher fetcher, FeedImport import, FeedTally tally, FeedRecord feed, CancellationToken cancellationToken)
    {
        await using var file = await fetcher.GetAsync(feed.ETag, feed.LastModified, cancellationToken);
        if (file.Body is null)
        {
            return (feed.ETag, feed.LastModified);
        }

        var columns = FeedSettingsRules.Columns(feed.ColumnsJson);
        var bundle = new TextFeedBundle(feed.Id, DateTimeOffset.UnixEpoch.AddTicks(feed.CreatedUs * 10), feed.Kind == "csv" ? FeedKind.Csv : FeedKind.Text, columns);

        // The bundle goes through a temporary file: a list of a million values must not sit in memory twice.
        var path = Path.Combine(Path.GetTempPath(), $"concord-feed-{Guid.NewGuid():N}.json");
        await using var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await bundle.WriteAsync(file.Body, spool, cancellationToken);
        spool.Position = 0;
        var report = await import.ImportAsync(spool, cancellationToken);
        if (!report.IsSuccess)
        {
            throw new FeedFetchException(report.Error!.Message);
        }

        tally.Add(report.Value!);
        foreach (var problem in bundle.Problems)
        {
            tally.Problem(problem);
        }

        if (bundle.BadLines > bundle.Problems.Count)
        {
            tally.Problem($"… {bundle.BadLines - bundle.Problems.Count} more line(s) that are no value.");
        }

        return (file.ETag, file.LastModified);
    }
}
