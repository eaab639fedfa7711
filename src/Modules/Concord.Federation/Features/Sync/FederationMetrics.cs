using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Concord.Federation.Data;
using Concord.Platform;

namespace Concord.Federation.Features.Sync;

/// <summary>
/// Federation on the node's OpenTelemetry meter (<see cref="ConcordTelemetry.Meter"/>), each tagged with the peer's
/// name: objects received and refused, versions withdrawn, requests, failed pulls, and how far behind each peer this
/// node is (<c>concord.federation.lag</c>, seconds, as the peers page shows it).
/// </summary>
internal static class FederationMetrics
{
    private static readonly ConcurrentDictionary<string, double> Lags = new(StringComparer.Ordinal);

    public static readonly Counter<long> Received = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.received", "{object}", "Objects stored from peers.");

    public static readonly Counter<long> Rejected = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.rejected", "{object}", "Objects peers sent that were refused.");

    public static readonly Counter<long> Withdrawn = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.withdrawn", "{version}", "Versions removed because a peer withdrew them.");

    public static readonly Counter<long> Requests = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.requests", "{request}", "Requests made to peers.");

    public static readonly Counter<long> Pushed = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.pushed", "{object}", "Objects TAXII push destinations confirmed.");

    public static readonly Counter<long> PushFailed = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.push_failed", "{object}", "Objects TAXII push destinations reported as failed.");

    public static readonly Counter<long> Errors = ConcordTelemetry.Meter.CreateCounter<long>("concord.federation.errors", "{pull}", "Pulls that failed.");

    private static readonly ObservableGauge<double> Lag = ConcordTelemetry.Meter.CreateObservableGauge(
        "concord.federation.lag", () => Lags.Select(l => new Measurement<double>(l.Value, new KeyValuePair<string, object?>("peer", l.Key))), "s", "How far behind each peer this node is.");

    public static KeyValuePair<string, object?> Peer(string name) => new("peer", name);

    /// <summary>Records a peer's lag for the gauge.</summary>
    public static void SetLag(string peer, double seconds)
    {
        _ = Lag;
        Lags[peer] = seconds;
    }

    /// <summary>
    /// How far behind the peer this node is (<see cref="PeerSyncStatus.LagSeconds"/>): while pulling fails, the time since
    /// the last success; while a read is under way, the time between the peer's position and the last page stored; else 0.
    /// </summary>
    public static double LagSeconds(PeerRow peer, IEnumerable<CursorRow> cursors, DateTimeOffset now)
    {
        if (!peer.Enabled || peer.OutboundKey is null)
        {
            return 0;
        }

        if (peer.LastError is not null)
        {
            return Math.Max(0, (now - (peer.LastSuccessAt ?? peer.CreatedAt)).TotalSeconds);
        }

        // A read under way has stored pages past where its pass began (a finished pass moves its start to the newest page).
        var reading = cursors.Where(c => c.ReachedUs is { } reached && reached > (c.AddedAfterUs ?? long.MinValue)).Select(c => c.ReachedUs!.Value).DefaultIfEmpty(long.MaxValue).Min();
        return peer.RemotePosition is { } position && reading < position ? (position - reading) / 1e6 : 0;
    }
}
