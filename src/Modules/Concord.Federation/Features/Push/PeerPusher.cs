using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Concord.Access;
using Concord.Federation.Data;
using Concord.Federation.Features.Sync;
using Concord.Intel;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Outbound;
using Concord.Taxii.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features.Push;

/// <summary>
/// Pushes this node's records to one TAXII 2.1 destination: the records after its cursor, in this node's order, read as
/// <see cref="PushPrincipal"/> through the door the TAXII server reads pages for a peer node with
/// (<see cref="ITaxiiObjectSource"/>), posted as envelopes of at most <see cref="FederationOptions.PushPageSize"/> objects
/// (and the destination's <c>max_content_length</c>), each status followed until complete; only then does the cursor
/// move past the page. A process killed between the two sends the page again on restart: TAXII add is idempotent for
/// the same id and <c>modified</c>, and a destination answers a version it holds as a success (Concord does), so a
/// re-sent page counts again as pushed, never as failed. Then what this node withdrew (deleted versions, copies narrowed
/// beyond connected nodes) goes out as TAXII DELETEs (T 5.7).
/// </summary>
internal sealed class PeerPusher(
    FederationDbContext db,
    IHttpClientFactory clients,
    ITaxiiObjectSource source,
    IWithdrawals withdrawals,
    IAuditTrail audit,
    IOptions<FederationOptions> options,
    TimeProvider time)
{
    private const int WithdrawalPage = 1000;
    private const long DefaultMaxBytes = 10L * 1024 * 1024;

    public Task<Result<SyncReport>> PushAsync(Guid peerId, CancellationToken cancellationToken) =>
        PeerGate.RunAsync(peerId, () => PushCoreAsync(peerId, cancellationToken), cancellationToken);

    private async Task<Result<SyncReport>> PushCoreAsync(Guid peerId, CancellationToken cancellationToken)
    {
        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Id == peerId && p.Kind == PeerKinds.TaxiiPush, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The push destination");
        }

        if (!peer.Enabled)
        {
            return Error.Conflict("peer-disconnected", $"'{peer.Name}' is disconnected: connect it again to push to it.");
        }

        if (peer.Paused)
        {
            return Error.Conflict("peer-paused", $"'{peer.Name}' is paused: resume it to push to it.");
        }

        var tally = new PushTally();
        peer.LastAttemptAt = time.GetUtcNow();
        using var http = clients.CreateClient(OutboundPurpose.Federation);
        if (peer.OutboundKey is { } key)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            http.DefaultRequestHeaders.Authorization = colon > 0 ? TaxiiClient.Basic(key[..colon], key[(colon + 1)..]) : TaxiiClient.Bearer(key);
        }

        var client = new TaxiiClient(http);
        var principal = PushPrincipal.For(peer.Name);
        try
        {
            // Where withdrawals start is taken before the first record is read: one withdrawn later is deleted there.
            peer.WithdrawalsAfter ??= await withdrawals.PositionAsync(principal, cancellationToken);
            await PushRecordsAsync(peer, client, principal, tally, cancellationToken);
            await PushWithdrawalsAsync(peer, client, principal, tally, cancellationToken);
            peer.LastSuccessAt = time.GetUtcNow();
            peer.LastError = null;
        }
        catch (Exception ex) when (ex is TaxiiClientException or HttpRequestException or JsonException or PeerException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            peer.LastError = ex is TaskCanceledException ? $"'{peer.Name}' did not answer in time." : ex.Message;
            tally.Error = peer.LastError;
            FederationMetrics.Errors.Add(1, FederationMetrics.Peer(peer.Name));
        }

        await SaveAsync(peer, tally, cancellationToken);
        if (tally.Pushed > 0 || tally.Failed > 0 || tally.Deleted > 0 || tally.NotDeleted > 0)
        {
            await audit.RecordAsync(new AuditEvent("federation.push", "peer", peer.Id.ToString(), null,
                    string.Create(CultureInfo.InvariantCulture, $"requests {tally.Requests}, pushed {tally.Pushed}, failed {tally.Failed}, deleted {tally.Deleted}, not deleted {tally.NotDeleted}")),
                cancellationToken);
        }

        return new SyncReport(peer.Id, tally.Requests, tally.Pushed, 0, tally.Failed, tally.Deleted, tally.Error);
    }

    /// <summary>Pages after the cursor until none is left; the cursor moves after each page's status completes.</summary>
    private async Task PushRecordsAsync(PeerRow peer, TaxiiClient client, Principal principal, PushTally tally, CancellationToken cancellationToken)
    {
        var collection = new Uri(peer.Url);
        var apiRoot = TaxiiClient.ApiRootOf(collection);
        long? maxBytes = null;
        while (true)
        {
            var read = await source.ReadAsync(principal, new TaxiiQuery
            {
                View = new TaxiiView(),
                AllVersions = true,
                AfterSequence = peer.PushAfterSequence,
                Limit = options.Value.PushPageSize,
                AllCopies = true,
            }, cancellationToken);
            if (read.Items.Count == 0)
            {
                return;
            }

            maxBytes ??= await MaxBytesAsync(client, apiRoot, tally, cancellationToken);
            var envelope = PushEnvelope.Build(read.Items, maxBytes.Value);
            foreach (var (record, reason) in envelope.TooLarge)
            {
                tally.Failed++;
                Reject(peer, record.Id, "too-large", reason);
            }

            if (envelope.Count > 0)
            {
                await SendAsync(peer, client, collection, apiRoot, envelope, tally, cancellationToken);
            }

            // The destination answered for every object of the page: move past it.
            peer.PushAfterSequence = envelope.LastSequence;
            await SaveAsync(peer, tally, cancellationToken);
            if (!read.More && envelope.Sent == read.Items.Count)
            {
                return;
            }
        }
    }

    private async Task SendAsync(PeerRow peer, TaxiiClient client, Uri collection, Uri apiRoot, PushEnvelope envelope, PushTally tally, CancellationToken cancellationToken)
    {
        tally.Requests++;
        var status = await client.AddObjectsAsync(collection, envelope.Bytes, cancellationToken);
        if (!status.IsComplete)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(options.Value.PushStatusWait);
            try
            {
                status = await client.WaitForStatusAsync(apiRoot, status, TimeSpan.FromMilliseconds(250), new Progress(tally), bounded.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PeerException($"'{peer.Name}' did not complete the status of {envelope.Count} objects within {options.Value.PushStatusWait.TotalSeconds:0} s: they are sent again.");
            }
        }

        tally.Pushed += status.Succeeded;
        tally.Failed += status.Failed;
        foreach (var failure in status.Failures)
        {
            Reject(peer, string.IsNullOrEmpty(failure.Id) ? null : failure.Id, "push-refused",
                $"{peer.Name} refused {(string.IsNullOrEmpty(failure.Version) ? "it" : $"version {failure.Version}")}: {failure.Message ?? "no reason given"}");
        }
    }

    /// <summary>The destination's <c>max_content_length</c> (its API root), or 10 MB when it does not say.</summary>
    private static async Task<long> MaxBytesAsync(TaxiiClient client, Uri apiRoot, PushTally tally, CancellationToken cancellationToken)
    {
        tally.Requests++;
        try
        {
            var info = await client.GetApiRootAsync(apiRoot, cancellationToken);
            return info.MaxContentLength > 0 ? Math.Min(info.MaxContentLength, DefaultMaxBytes) : DefaultMaxBytes;
        }
        catch (TaxiiClientException)
        {
            return DefaultMaxBytes;
        }
    }

    /// <summary>
    /// Withdrawals after the peer's position, each as a DELETE of the version (a narrowed copy: every version, since TAXII
    /// names no range). One the destination does not hold is gone already. A destination that does not delete (403, 405,
    /// 501) is noted once: from then on withdrawals are counted as not propagated, never retried.
    /// </summary>
    private async Task PushWithdrawalsAsync(PeerRow peer, TaxiiClient client, Principal principal, PushTally tally, CancellationToken cancellationToken)
    {
        var collection = new Uri(peer.Url);
        while (true)
        {
            var page = await withdrawals.ReadAsync(principal, peer.WithdrawalsAfter!.Value, WithdrawalPage, cancellationToken);
            foreach (var item in page.Items)
            {
                if (peer.NotDeleted + tally.NotDeleted > 0)
                {
                    tally.NotDeleted++;
                    continue;
                }

                var version = item.Kind == WithdrawalKind.Deleted ? Stamp(item.VersionUs) : "all";
                tally.Requests++;
                try
                {
                    await client.DeleteObjectAsync(collection, item.Id, version, cancellationToken);
                    tally.Deleted++;
                }
                catch (TaxiiClientException ex) when (ex.Status == 404)
                {
                    // Never pushed (withdrawn before its turn came), or deleted there already.
                }
                catch (TaxiiClientException ex) when (ex.Status is 403 or 405 or 501)
                {
                    tally.NotDeleted++;
                }
            }

            peer.WithdrawalsAfter = page.Position;
            await SaveAsync(peer, tally, cancellationToken);
            if (!page.More)
            {
                return;
            }
        }
    }

    /// <summary>A version as a STIX timestamp: milliseconds, or microseconds when it has them.</summary>
    internal static string Stamp(long micros)
    {
        var at = Micros.ToTime(micros).UtcDateTime;
        return at.ToString(micros % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private void Reject(PeerRow peer, string? id, string rule, string message) =>
        db.Rejections.Add(new RejectionRow
        {
            PeerId = peer.Id,
            ObjectId = id is { Length: > 300 } ? id[..300] : id,
            Rule = rule,
            Message = message.Length > 2000 ? message[..2000] : message,
            At = time.GetUtcNow(),
        });

    /// <summary>The cursor, rejections and counts in one transaction: a page is either wholly accounted for or sent again.</summary>
    private async Task SaveAsync(PeerRow peer, PushTally tally, CancellationToken cancellationToken)
    {
        var (pushed, failed, deleted, notDeleted, requests) = (tally.Pushed - tally.Saved.Pushed, tally.Failed - tally.Saved.Failed,
            tally.Deleted - tally.Saved.Deleted, tally.NotDeleted - tally.Saved.NotDeleted, tally.Requests - tally.Saved.Requests);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (pushed != 0 || failed != 0 || deleted != 0 || notDeleted != 0 || requests != 0)
        {
            await db.Peers.Where(p => p.Id == peer.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Pushed, p => p.Pushed + pushed)
                .SetProperty(p => p.PushFailed, p => p.PushFailed + failed)
                .SetProperty(p => p.Withdrawn, p => p.Withdrawn + deleted)
                .SetProperty(p => p.NotDeleted, p => p.NotDeleted + notDeleted)
                .SetProperty(p => p.Requests, p => p.Requests + requests), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var tag = FederationMetrics.Peer(peer.Name);
        FederationMetrics.Pushed.Add(pushed, tag);
        FederationMetrics.PushFailed.Add(failed, tag);
        FederationMetrics.Requests.Add(requests, tag);
        tally.Saved = (tally.Pushed, tally.Failed, tally.Deleted, tally.NotDeleted, tally.Requests);
    }

    /// <summary>Counts status polls as requests.</summary>
    private sealed class Progress(PushTally tally) : IProgress<TaxiiStatusInfo>
    {
        public void Report(TaxiiStatusInfo value) => tally.Requests++;
    }

    private sealed class PushTally
    {
        public int Requests { get; set; }

        public long Pushed { get; set; }

        public long Failed { get; set; }

        public long Deleted { get; set; }

        public long NotDeleted { get; set; }

        public string? Error { get; set; }

        public (long Pushed, long Failed, long Deleted, long NotDeleted, int Requests) Saved { get; set; }
    }
}

/// <summary>
/// Whom a push destination reads as: a connected node bound to no node of this alliance — so it is given what was shared
/// with connected nodes (TLP:GREEN) and public (TLP:CLEAR), and never what names recipients or a sharing group, whatever
/// its TLP; AMBER and RED never leave. No Access credential stands behind it: nothing reads this node with one (the
/// destination is written to, never reads here), so no key exists that could leak; its principal is the one such a
/// credential, unbound, would resolve to.
/// </summary>
internal static class PushPrincipal
{
    public static Principal For(string peerName) => new(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, $"push:{peerName}");
}
