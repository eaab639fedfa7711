using Concord.Platform.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// Runs due feeds one after another, looking every <see cref="IntelOptions.FeedPollInterval"/>. Each run claims its
/// feed first (<see cref="FeedRunner"/>), so several processes on one database share the work without running a feed
/// twice. A scheduled run acts as the node for the feed's organisation in the audit trail.
/// </summary>
internal sealed class FeedScheduler(FeedRunner runner, IOptions<IntelOptions> options, TimeProvider time, ILogger<FeedScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await runner.DueAsync(stoppingToken))
                {
                    await runner.TryRunAsync(id, onlyIfDue: true, AuditActor.Node(AuditChannel.System), stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.FeedSchedulerFailed(logger, ex);
            }

            await Task.Delay(options.Value.FeedPollInterval, time, stoppingToken);
        }
    }
}
