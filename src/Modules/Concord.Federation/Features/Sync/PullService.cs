using Concord.Federation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features.Sync;

/// <summary>Wakes the pull loop early (a peer connected, a key set).</summary>
internal sealed class PullSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Wake() => _signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Pulls every connected peer that gave this node a key, every <see cref="FederationOptions.PullInterval"/>: a peer with
/// nothing new costs one request. A peer that fails is tried again next round; its status shows the error.
/// </summary>
internal sealed partial class PullService(IServiceScopeFactory scopes, PullSignal signal, IOptions<FederationOptions> options, ILogger<PullService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PullAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RoundFailed(logger, ex);
            }

            await signal.WaitAsync(options.Value.PullInterval, stoppingToken);
        }
    }

    private async Task PullAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> peers;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
            peers = await db.Peers.AsNoTracking().Where(p => p.Enabled && p.OutboundKey != null).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        foreach (var peer in peers)
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<PeerPuller>().PullAsync(peer, cancellationToken);
            if (report.Value is { Error: { } error })
            {
                PullFailed(logger, peer, error);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Federation: pulling peer {Peer} failed: {Error}")]
    private static partial void PullFailed(ILogger logger, Guid peer, string error);

    [LoggerMessage(2, LogLevel.Error, "Federation: a pull round failed; trying again next round.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
