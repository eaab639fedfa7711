using System.Diagnostics;
using Concord.Federation.Data;
using Concord.Intel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features.Push;

/// <summary>
/// Keeps every TAXII push destination up to date: it watches the position of the push principal (when the last change
/// a destination may receive happened here — a record stored, deleted or narrowed; the mark the long poll of a Concord
/// peer waits on) and pushes each destination as soon as it moves, so a new record reaches it within a second or so.
/// Every <see cref="FederationOptions.PullInterval"/> each destination is pushed whatever the position says (the safety
/// net, which also retries one that failed). A destination connected, resumed or changed by another process is picked
/// up at the next look. The store is read, not signalled: a CLI import on the same database counts too.
/// </summary>
/// <remarks>
/// Waiting is wall-clock latency, not the node's business time: it is measured by the stopwatch, as the long poll's.
/// </remarks>
internal sealed partial class PushService(
    IServiceScopeFactory scopes, IOptions<FederationOptions> options, ILogger<PushService> logger) : BackgroundService
{
    /// <summary>How often the position and the destinations are looked at (two small index reads).</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a node without push destinations looks for one (one small read).</summary>
    private static readonly TimeSpan IdleStep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Per destination: the position its last push began at, and when it began.
        var pushed = new Dictionary<Guid, (long Position, long At)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var step = Step;
            try
            {
                step = await RoundAsync(pushed, stoppingToken) ? Step : IdleStep;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                RoundFailed(logger, ex);
            }

            try
            {
                await Task.Delay(step, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look: pushes each destination whose position moved or whose interval passed; false when there is none.</summary>
    private async Task<bool> RoundAsync(Dictionary<Guid, (long Position, long At)> pushed, CancellationToken cancellationToken)
    {
        List<Guid> destinations;
        long position;
        await using (var scope = scopes.CreateAsyncScope())
        {
            destinations = await scope.ServiceProvider.GetRequiredService<FederationDbContext>().Peers.AsNoTracking()
                .Where(p => p.Kind == PeerKinds.TaxiiPush && p.Enabled && !p.Paused).Select(p => p.Id).ToListAsync(cancellationToken);
            if (destinations.Count == 0)
            {
                pushed.Clear();
                return false;
            }

            // Every destination reads as the same principal: one position for all.
            position = await scope.ServiceProvider.GetRequiredService<IWithdrawals>().PositionAsync(PushPrincipal.For(""), cancellationToken);
        }

        // A destination paused or removed is forgotten: resumed, it is pushed at once.
        foreach (var gone in pushed.Keys.Except(destinations).ToList())
        {
            pushed.Remove(gone);
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var destination in destinations)
        {
            if (pushed.TryGetValue(destination, out var last) && last.Position >= position && Stopwatch.GetElapsedTime(last.At, now) < options.Value.PullInterval)
            {
                continue;
            }

            // The position read before the push: anything after it, even stored while the push ran, moves it again.
            pushed[destination] = (position, now);
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<PeerPusher>().PushAsync(destination, cancellationToken);
            if (report.Value is { Error: { } error })
            {
                PushFailed(logger, destination, error);
            }
        }

        return true;
    }

    [LoggerMessage(1, LogLevel.Warning, "Federation: pushing to destination {Peer} failed: {Error}")]
    private static partial void PushFailed(ILogger logger, Guid peer, string error);

    [LoggerMessage(2, LogLevel.Error, "Federation: a push round failed; trying again shortly.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
