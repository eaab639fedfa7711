using System.Globalization;
using System.Text.Json;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// One run of a MISP feed: <c>manifest.json</c> (with the last answer's validators: a 304 ends the run at one request),
/// then only the events whose manifest timestamp is newer than the one last imported. An event that cannot be fetched
/// or read is counted and named and the others are imported; its timestamp is not recorded, so the next run tries it
/// again, and the manifest's validators are kept only when every event went in (else a 304 would hide the retry).
/// Events that leave the manifest are left as they are, as MISP leaves them.
/// </summary>
internal sealed class MispFeedRun(IntelDbContext db, FeedFetcher fetcher, FeedImport import, FeedTally tally)
{
    public async Task<(string? ETag, string? LastModified)> RunAsync(FeedRecord feed, CancellationToken cancellationToken)
    {
        await using var manifest = await fetcher.GetRelativeAsync("manifest.json", feed.ETag, feed.LastModified, cancellationToken);
        if (manifest.Body is null)
        {
            return (feed.ETag, feed.LastModified);
        }

        var listed = await ReadManifestAsync(manifest.Body, cancellationToken);
        var seen = await db.FeedEvents.AsNoTracking().Where(e => e.FeedId == feed.Id).ToDictionaryAsync(e => e.EventUuid, e => e.Timestamp, cancellationToken);
        foreach (var (uuid, timestamp) in listed)
        {
            if (seen.TryGetValue(uuid, out var last) && last >= timestamp)
            {
                tally.EventsSkipped++;
                continue;
            }

            if (await ImportEventAsync(uuid, cancellationToken))
            {
                await RememberAsync(feed.Id, uuid, timestamp, seen.ContainsKey(uuid), cancellationToken);
            }
        }

        return tally.EventsFailed == 0 ? (manifest.ETag, manifest.LastModified) : (null, null);
    }

    private async Task<bool> ImportEventAsync(string uuid, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = await fetcher.GetRelativeAsync(uuid + ".json", null, null, cancellationToken);
            var report = await import.ImportAsync(file.Body!, cancellationToken);
            if (!report.IsSuccess)
            {
                return Failed(uuid, report.Error!.Message);
            }

            // A body nothing could be read from (truncated JSON, not an event) fails the event, not just an object.
            if (report.Value!.Rejected > 0 && report.Value.Stored + report.Value.Duplicates == 0)
            {
                tally.Add(report.Value);
                var issue = report.Value.Errors.FirstOrDefault()?.Issues.FirstOrDefault();
                return Failed(uuid, issue?.Message ?? "nothing in it could be imported.");
            }

            tally.EventsFetched++;
            tally.Add(report.Value!);
            if (report.Value!.Rejected > 0 && report.Value.Errors.FirstOrDefault() is { } first)
            {
                tally.Problem($"event {uuid}: {report.Value.Rejected} object(s) rejected, e.g. {first.Id}: {first.Issues.FirstOrDefault()?.Message}");
            }

            return true;
        }
        catch (FeedFetchException ex)
        {
            return Failed(uuid, ex.Message);
        }
    }

    private bool Failed(string uuid, string reason)
    {
        tally.EventsFailed++;
        tally.Problem($"event {uuid}: {reason}");
        return false;
    }

    private async Task RememberAsync(Guid feedId, string uuid, long timestamp, bool known, CancellationToken cancellationToken)
    {
        if (known)
        {
            await db.FeedEvents.Where(e => e.FeedId == feedId && e.EventUuid == uuid)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Timestamp, timestamp), cancellationToken);
            return;
        }

        db.FeedEvents.Add(new FeedEventState { FeedId = feedId, EventUuid = uuid, Timestamp = timestamp });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The manifest's events and timestamps. Keys must be UUIDs: they become file names and URL paths, so nothing else
    /// (<c>../</c>, a query) may pass.
    /// </summary>
    private static async Task<List<(string Uuid, long Timestamp)>> ReadManifestAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FeedFetchException($"manifest.json is not JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FeedFetchException("manifest.json must be an object of events keyed by their UUID.");
            }

            var events = new List<(string, long)>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!Guid.TryParseExact(entry.Name, "D", out var uuid))
                {
                    throw new FeedFetchException($"manifest.json: '{entry.Name}' is not an event UUID.");
                }

                events.Add((uuid.ToString("D"), Timestamp(entry.Value)));
            }

            return events;
        }
    }

    // MISP writes the timestamp as a string of seconds; some feeds write a number. None: always fetched.
    private static long Timestamp(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("timestamp", out var t)
            ? t.ValueKind switch
            {
                JsonValueKind.Number when t.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(t.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
                _ => long.MaxValue,
            }
            : long.MaxValue;
}
