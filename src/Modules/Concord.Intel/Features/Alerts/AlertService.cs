using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Alerts;

/// <summary>
/// Runs <see cref="AlertFollower"/>: on start (what a stopped process left undetected), when an import commits, and
/// on the job poll interval (imports by another process on the same database).
/// </summary>
internal sealed class AlertService(AlertFollower follower, IOptions<IntelOptions> options, ILogger<AlertService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await follower.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The mark did not move: the same rows are examined again on the next round.
                if (Log.StoreBusy(ex))
                {
                    Log.FollowerWaiting(logger, "Anonymous hit alerts");
                }
                else
                {
                    Log.AlertDetectionFailed(logger, ex);
                }
            }

            await follower.WaitAsync(options.Value.JobPollInterval, stoppingToken);
        }
    }
}
