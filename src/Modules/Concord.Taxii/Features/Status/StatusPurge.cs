using Concord.Taxii.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Features.Status;

/// <summary>
/// Deletes status resources past their retention (T 4.3: kept at least 24 hours; an expired id answers 404, which
/// <see cref="AddObjects.FindAsync"/> already does between purges). Runs at start and then every
/// <see cref="TaxiiOptions.StatusPurgeInterval"/> of the node's clock; a failed round is logged and retried next time.
/// </summary>
internal sealed class StatusPurge(IServiceScopeFactory scopes, IOptions<TaxiiOptions> options, TimeProvider time, ILogger<StatusPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatusPurgeInterval, time);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.StatusesPurged(purged);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.StatusPurgeFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every status whose retention has passed; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var nowUs = TaxiiStatus.Micros(time.GetUtcNow());
        return await db.Statuses.Where(s => s.ExpiresUs <= nowUs).ExecuteDeleteAsync(cancellationToken);
    }
}
