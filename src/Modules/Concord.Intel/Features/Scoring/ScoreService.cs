using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Runs <see cref="ScoreFollower"/> in the background: on start (to finish what a stopped process left), when a
/// background import signals, and on the job poll interval (imports by another process on the same database).
/// </summary>
internal sealed class ScoreService(ScoreFollower follower, IOptions<IntelOptions> options, ILogger<ScoreService> logger) : BackgroundService
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
                // The mark did not move: the same rows are tried again on the next round.
                if (Log.StoreBusy(ex))
                {
                    Log.FollowerWaiting(logger, "Indicator scores");
                }
                else
                {
                    Log.ScoringFailed(logger, ex);
                }
            }

            await follower.WaitAsync(options.Value.JobPollInterval, stoppingToken);
        }
    }
}
