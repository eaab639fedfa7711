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

            try
            {
                await signal.WaitAsync(options.Value.PullInterval, stoppingToken);
            }
            finally
            {
                // Stopping too: no loop may outlive the service (a pull under way ends at the stopping token).
                await round.CancelAsync();
                await Task.WhenAll(loops);
            }
        }
    }

    private async Task<List<Guid>> PeersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        return await db.Peers.AsNoTracking().Where(p => p.Enabled && !p.Paused && p.Kind != PeerKinds.TaxiiPush && (p.OutboundKey != null || p.Kind == PeerKinds.Taxii)).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Pulls the peer, then (watching) again each time it says something changed, until the round ends or a call fails. A
    /// round's end stops the waiting, never a pull under way: a catch-up of a million objects runs to its end.
    /// </summary>
    /// <remarks>
    /// The long poll waits after the position the peer gave before the last pull began: everything up to it was in that
    /// pull, and anything after it — even stored while the pull ran — answers the next poll at once. (Waiting after a
    /// position read during or after a pull could skip a record stored meanwhile until the interval's pull.)
    /// </remarks>
    private async Task FollowAsync(Guid peer, CancellationToken round, CancellationToken stopping)
    {
        try
        {
            // Before the first pull, the position it read withdrawals after is a safe start (0: ask at once).
            var after = await StartAsync(peer, stopping);
            while (await PullAsync(peer, stopping) && options.Value.Watch && !round.IsCancellationRequested)
            {
                long? position;
                while ((position = await WaitAsync(peer, after, round)) == after)
                {
                }

                if (position is not { } moved)
                {
                    return;
                }

                after = moved;
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

    private async Task<long> StartAsync(Guid peerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FederationDbContext>().Peers.AsNoTracking()
            .Where(p => p.Id == peerId).Select(p => p.WithdrawalsAfter).FirstOrDefaultAsync(cancellationToken) ?? 0;
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
    /// Holds a long poll on the peer after <paramref name="after"/>: the position it answers (past <paramref name="after"/>
    /// when something changed; the same when the wait ended without a change), or null when the peer is no longer to be
    /// followed (disconnected, paused, its key removed; a TAXII source, which has no long poll: the interval pulls it).
    /// </summary>
    private async Task<long?> WaitAsync(Guid peerId, long after, CancellationToken cancellationToken)
    {
        PeerRow? peer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            peer = await scope.ServiceProvider.GetRequiredService<FederationDbContext>().Peers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == peerId, cancellationToken);
        }

        if (peer is not { Enabled: true, Paused: false, Kind: PeerKinds.Concord, OutboundKey: { } key })
        {
            return null;
        }

        using var http = clients.CreateClient(OutboundPurpose.Federation);
        http.DefaultRequestHeaders.Authorization = TaxiiClient.Bearer(key);
        var url = new Uri(new Uri(peer.Url), string.Create(CultureInfo.InvariantCulture, $"api/v1/federation/changes?after={after}&wait={WatchWait.TotalSeconds:0}"));
        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<ReaderPosition>(Json, cancellationToken)
            ?? throw new JsonException("The peer answered the long poll with no position.");
        return Math.Max(answer.Position, after);
    }

    [LoggerMessage(1, LogLevel.Warning, "Federation: pulling peer {Peer} failed: {Error}")]
    private static partial void PullFailed(ILogger logger, Guid peer, string error);

    [LoggerMessage(2, LogLevel.Error, "Federation: a pull round failed; trying again next round.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Federation: watching peer {Peer} for changes failed ({Error}); it is pulled again next round.")]
    private static partial void WatchFailed(ILogger logger, Guid peer, string error);
}
