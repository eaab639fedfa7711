using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Federation.Data;
using Concord.Platform.Outbound;
using Concord.Taxii.Client;
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
/// Keeps every connected peer that gave this node a key pulled: one loop per peer pulls at once, then — with
/// <see cref="FederationOptions.Watch"/> — holds a long poll open on the peer (<c>/api/v1/federation/changes</c>) and
/// pulls the moment something this node may read changes there, so a new record arrives within a second or so. Every
/// <see cref="FederationOptions.PullInterval"/>, and when a peer is connected or gets a key, the loops start afresh: the
/// safety net that also picks up peers another process connected. A peer that fails is tried again then; its status
/// shows the error.
/// </summary>
internal sealed partial class PullService(
    IServiceScopeFactory scopes, PullSignal signal, IHttpClientFactory clients, IOptions<FederationOptions> options, ILogger<PullService> logger) : BackgroundService
{
    /// <summary>How long a long poll is held open by the peer: well inside the outbound client's attempt timeout.</summary>
    internal static readonly TimeSpan WatchWait = TimeSpan.FromSeconds(25);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var loops = new List<Task>();
            try
            {
                loops.AddRange((await PeersAsync(stoppingToken)).Select(peer => FollowAsync(peer, round.Token, stoppingToken)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RoundFailed(logger, ex);
            }

            await signal.WaitAsync(options.Value.PullInterval, stoppingToken);
            await round.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private async Task<List<Guid>> PeersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        return await db.Peers.AsNoTracking().Where(p => p.Enabled && p.OutboundKey != null).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Pulls the peer, then (watching) again each time it says something changed, until the round ends or a call fails. A
    /// round's end stops the waiting, never a pull under way: a catch-up of a million objects runs to its end.
    /// </summary>
    private async Task FollowAsync(Guid peer, CancellationToken round, CancellationToken stopping)
    {
        try
        {
            while (await PullAsync(peer, stopping) && options.Value.Watch && !round.IsCancellationRequested)
            {
                bool? changed;
                while ((changed = await ChangedAsync(peer, round)) == false)
                {
                }

                if (changed is null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (round.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            // The peer is unreachable or answered nonsense to the long poll: the next round tries again.
            WatchFailed(logger, peer, ex.Message);
        }
        catch (Exception ex)
        {
            RoundFailed(logger, ex);
        }
    }

    /// <summary>One pull; false when it failed (its status says why) or the peer is gone.</summary>
    private async Task<bool> PullAsync(Guid peer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PeerPuller>().PullAsync(peer, cancellationToken);
        if (report.Value is { Error: { } error })
        {
            PullFailed(logger, peer, error);
            return false;
        }

        return report.IsSuccess;
    }

    /// <summary>
    /// Holds a long poll on the peer after the position the last pull reached: true when this node's position there moved past it,
    /// false when the wait ended without a change, null when the peer is no longer to be followed (disconnected).
    /// </summary>
    private async Task<bool?> ChangedAsync(Guid peerId, CancellationToken cancellationToken)
    {
        PeerRow? peer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            peer = await scope.ServiceProvider.GetRequiredService<FederationDbContext>().Peers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == peerId, cancellationToken);
        }

        if (peer is not { Enabled: true, OutboundKey: { } key, WithdrawalsAfter: { } after })
        {
            return null;
        }

        using var http = clients.CreateClient(OutboundPurpose.Federation);
        http.DefaultRequestHeaders.Authorization = TaxiiClient.Bearer(key);
        var url = new Uri(new Uri(peer.Url), string.Create(CultureInfo.InvariantCulture, $"api/v1/federation/changes?after={after}&wait={WatchWait.TotalSeconds:0}"));
        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        var position = await response.Content.ReadFromJsonAsync<ReaderPosition>(Json, cancellationToken);
        return position is { } moved && moved.Position > after;
    }

    [LoggerMessage(1, LogLevel.Warning, "Federation: pulling peer {Peer} failed: {Error}")]
    private static partial void PullFailed(ILogger logger, Guid peer, string error);

    [LoggerMessage(2, LogLevel.Error, "Federation: a pull round failed; trying again next round.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Federation: watching peer {Peer} for changes failed ({Error}); it is pulled again next round.")]
    private static partial void WatchFailed(ILogger logger, Guid peer, string error);
}
