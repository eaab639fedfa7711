using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Objects;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// Runs feeds. A run first claims its feed with one conditional update (not running, or its claim older than
/// <see cref="Lease"/>: a killed process), so two processes on one database never run the same feed at once; it imports
/// as the feed's owner organisation with the feed's TLP and scope, best effort (a bad object or event is reported, the
/// rest stored), and writes what it did to the feed's last-run columns and one audit entry.
/// </summary>
internal sealed class FeedRunner(IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider time, ILogger<FeedRunner> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromHours(1);

    /// <summary>The feeds due now (enabled, next run passed, not held), for the scheduler to try to claim.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var now = Now();
        var stale = now - (long)Lease.TotalMicroseconds;
        return await db.Feeds.AsNoTracking()
            .Where(f => f.Enabled && f.NextRunUs <= now && (f.RunningSinceUs == null || f.RunningSinceUs < stale))
            .OrderBy(f => f.NextRunUs).Select(f => f.Id).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Claims and runs the feed; false when another run holds it (or, <paramref name="onlyIfDue"/>, when it is not due
    /// any more: another process ran it first). <paramref name="actor"/> null: the current request's.
    /// </summary>
    public async Task<bool> TryRunAsync(Guid id, bool onlyIfDue, AuditActor? actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IntelDbContext>();
        var now = Now();
        var stale = now - (long)Lease.TotalMicroseconds;
        var claim = db.Feeds.Where(f => f.Id == id && (f.RunningSinceUs == null || f.RunningSinceUs < stale));
        if (onlyIfDue)
        {
            claim = claim.Where(f => f.Enabled && f.NextRunUs <= now);
        }

        if (await claim.ExecuteUpdateAsync(s => s.SetProperty(f => f.RunningSinceUs, now), cancellationToken) == 0)
        {
            return false;
        }

        var feed = await db.Feeds.AsNoTracking().SingleAsync(f => f.Id == id, cancellationToken);
        var fetcher = new FeedFetcher(clients, feed.Source);
        var tally = new FeedTally();
        (string? ETag, string? LastModified) validators = (feed.ETag, feed.LastModified);
        try
        {
            var principal = await services.GetRequiredService<IPrincipalResolver>()
                .ForOrganisationAsync(feed.OwnerOrgId, Role.Analyst, "feed " + feed.Name, cancellationToken);
            var import = new FeedImport(services.GetRequiredService<IntelStore>(), principal, feed);
            validators = feed.Kind == "misp"
                ? await new MispFeedRun(db, fetcher, import, tally).RunAsync(feed, cancellationToken)
                : await TextFeedRun.RunAsync(fetcher, import, tally, feed, cancellationToken);
        }
        catch (FeedFetchException ex)
        {
            tally.Failure = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run ends with its error on the feed's page; the scheduler goes on with the other feeds.
            Log.FeedRunFailed(logger, feed.Id, ex);
            tally.Failure = "The run failed: " + ex.Message;
        }
        finally
        {
            await FinishAsync(db, feed, now, fetcher.Requests, tally, validators);
        }

        var entry = new AuditEvent("feed.run", "feed", feed.Id.ToString(), feed.OwnerOrgId, tally.Detail(fetcher.Requests), tally.Failure is null);
        var audit = services.GetRequiredService<IAuditTrail>();
        await (actor is null ? audit.RecordAsync(entry, cancellationToken) : audit.RecordAsync(entry, actor, cancellationToken));
        return true;
    }

    // Not cancelled with the run: a run stopped half-way still says so and lets go of its claim.
    private async Task FinishAsync(IntelDbContext db, FeedRecord feed, long started, int requests, FeedTally tally, (string? ETag, string? LastModified) validators)
    {
        var finished = Now();
        var next = started + (long)TimeSpan.FromMinutes(feed.IntervalMinutes).TotalMicroseconds;
        var error = tally.ErrorText;
        await db.Feeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.RunningSinceUs, (long?)null)
            .SetProperty(f => f.NextRunUs, next)
            .SetProperty(f => f.ETag, validators.ETag)
            .SetProperty(f => f.LastModified, validators.LastModified)
            .SetProperty(f => f.LastStartedUs, started)
            .SetProperty(f => f.LastFinishedUs, finished)
            .SetProperty(f => f.LastRequests, requests)
            .SetProperty(f => f.LastEventsFetched, tally.EventsFetched)
            .SetProperty(f => f.LastEventsSkipped, tally.EventsSkipped)
            .SetProperty(f => f.LastEventsFailed, tally.EventsFailed)
            .SetProperty(f => f.LastStored, tally.Stored)
            .SetProperty(f => f.LastDuplicates, tally.Duplicates)
            .SetProperty(f => f.LastRejected, tally.Rejected)
            .SetProperty(f => f.LastError, error), CancellationToken.None);
    }

    private long Now() => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
}
