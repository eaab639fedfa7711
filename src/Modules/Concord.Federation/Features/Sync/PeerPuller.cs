using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.Federation.Data;
using Concord.Federation.Features.Refusals;
using Concord.Federation.Features.Envelope;
using Concord.Intel;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Outbound;
using Concord.Stix;
using Concord.Taxii.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features.Sync;

/// <summary>
/// Pulls one peer: a handshake the first time (who it is, where to pull, the organisations it hosts), then its
/// collection page by page from the persisted cursor (<c>added_after</c> and <c>next</c>) until it has nothing more.
/// Each page is stored as its owners' copies, with the distribution the peer gave them, before the cursor moves past
/// it: a process killed between the two stores the page again on restart, and the store keeps each version once.
/// A pull with nothing new is one request.
/// </summary>
internal sealed class PeerPuller(
    FederationDbContext db,
    NodeIdentity identity,
    IHttpClientFactory clients,
    IAccessAdmin access,
    IAccessDirectory directory,
    IPrincipalResolver principals,
    IIntelStore store,
    IAuditTrail audit,
    IOptions<FederationOptions> options,
    RefusalTeller refusals,
    TimeProvider time)
{
    private static readonly ConcurrentDictionary<(Guid Credential, Guid Node), byte> Bound = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Result<SyncReport>> PullAsync(Guid peerId, CancellationToken cancellationToken) =>
        PeerGate.RunAsync(peerId, () => PullCoreAsync(peerId, cancellationToken), cancellationToken);

    private async Task<Result<SyncReport>> PullCoreAsync(Guid peerId, CancellationToken cancellationToken)
    {
        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Id == peerId && p.Kind != PeerKinds.TaxiiPush, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The peer");
        }

        if (!peer.Enabled)
        {
            return Error.Conflict("peer-disconnected", $"'{peer.Name}' is disconnected: connect it again to pull from it.");
        }

        if (peer.Paused)
        {
            return Error.Conflict("peer-paused", $"'{peer.Name}' is paused: resume it to pull from it.");
        }

        if (peer.OutboundKey is null && peer.Kind != PeerKinds.Taxii)
        {
            return Error.Conflict("peer-key-missing", $"This node has no key for '{peer.Name}' yet: set the key its node printed when it registered this node.", "key");
        }

        var tally = new Tally();
        peer.LastAttemptAt = time.GetUtcNow();
        using var http = clients.CreateClient(OutboundPurpose.Federation);
        // A TAXII source may be public (no key), or take HTTP Basic ('user:password').
        if (peer.OutboundKey is { } key)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            http.DefaultRequestHeaders.Authorization = peer.Kind == PeerKinds.Taxii && colon > 0
                ? TaxiiClient.Basic(key[..colon], key[(colon + 1)..])
                : TaxiiClient.Bearer(key);
        }
        try
        {
            if (peer.Kind == PeerKinds.Taxii)
            {
                // Any TAXII server: its collection, nothing else (no handshake, no provenance, no withdrawals).
                await PullCollectionAsync(peer, new TaxiiClient(http), tally, cancellationToken);
                peer.LastSuccessAt = time.GetUtcNow();
                peer.LastError = null;
                await SaveAsync(peer, tally, cancellationToken);
                return await FinishAsync(peer, tally, cancellationToken);
            }

            if (peer.RemoteNodeId is null || peer.Collection is null)
            {
                await HandshakeAsync(peer, http, tally, cancellationToken);
            }

            // The credential the peer reads this node with belongs to the node that answered at its address: it may read
            // what names that node's organisations as recipients (bound once per process, after the first handshake).
            if (peer.InboundPeerNodeId is { } inbound && Bound.TryAdd((inbound, peer.RemoteNodeId!.Value), 0))
            {
                await access.BindPeerNodeAsync(inbound, peer.RemoteNodeId.Value, cancellationToken);
            }

            // Where the peer's withdrawals start is asked before the first objects are: a copy narrowed after this point
            // is withdrawn below, and one narrowed before it is not served (a peer is served only copies whose newest
            // version it may read).
            peer.WithdrawalsAfter ??= (await ReadWithdrawalsAsync(peer, http, null, tally, cancellationToken)).Position;
            var position = await PullCollectionAsync(peer, new TaxiiClient(http), tally, cancellationToken);
            if (position != peer.WithdrawalsAfter)
            {
                await PullWithdrawalsAsync(peer, http, tally, cancellationToken);
            }

            // What was refused of the peer's is told to the peer, whose administrators can then act on it.
            await SaveAsync(peer, tally, cancellationToken);
            await refusals.TellAsync(peer, http, cancellationToken);
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
        return await FinishAsync(peer, tally, cancellationToken);
    }

    private async Task<SyncReport> FinishAsync(PeerRow peer, Tally tally, CancellationToken cancellationToken)
    {
        if (tally.Stored > 0 || tally.Rejected > 0 || tally.Withdrawn > 0)
        {
            await audit.RecordAsync(new AuditEvent("federation.pull", "peer", peer.Id.ToString(), null,
                    string.Create(CultureInfo.InvariantCulture, $"requests {tally.Requests}, stored {tally.Stored}, duplicates {tally.Duplicates}, rejected {tally.Rejected}, withdrawn {tally.Withdrawn}")),
                new AuditActor(AuditActor.PeerNode, peer.InboundPeerNodeId ?? peer.Id, null, AuditChannel.Federation, null), cancellationToken);
        }

        return new SyncReport(peer.Id, tally.Requests, tally.Stored, tally.Duplicates, tally.Rejected, tally.Withdrawn, tally.Error);
    }

    /// <summary>Asks the peer who it is, where to pull and which organisations it hosts; they appear here as federated organisations.</summary>
    private async Task HandshakeAsync(PeerRow peer, HttpClient http, Tally tally, CancellationToken cancellationToken)
    {
        tally.Requests++;
        using var response = await http.GetAsync(new Uri(new Uri(peer.Url), "api/v1/federation/node"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PeerException($"'{peer.Name}' answered HTTP {(int)response.StatusCode} to the handshake ({peer.Url}api/v1/federation/node): check its address and the key it issued for this node.");
        }

        var node = await response.Content.ReadFromJsonAsync<NodeDescription>(Json, cancellationToken)
            ?? throw new PeerException($"'{peer.Name}' sent an empty handshake.");
        if (node.NodeId == identity.Node.Id)
        {
            throw new PeerException($"'{peer.Url}' is this node itself.");
        }

        if (peer.RemoteNodeId is { } known && known != node.NodeId)
        {
            throw new PeerException($"The node at {peer.Url} now says it is {node.NodeId} ({node.Name}), not {known}: another node answers at that address. Disconnect and connect it again if that is intended.");
        }

        if (node.Collection is null || !node.Collection.StartsWith("/taxii2/", StringComparison.Ordinal))
        {
            throw new PeerException($"'{peer.Name}' serves no collection a peer can pull.");
        }

        foreach (var org in node.Organisations)
        {
            var type = PeerEnvelope.TryParseType(org.Type, out var parsed) ? parsed : OrganisationType.PublicBody;
            var ensured = await access.EnsureFederatedOrganisationAsync(new FederatedOrganisation(node.NodeId, node.Name, org.Id, org.Name, org.Country, type, org.Sector), cancellationToken);
            if (!ensured.IsSuccess)
            {
                tally.Rejected++;
                Reject(peer, null, "organisation", $"Organisation '{org.Name}' of {node.Name}: {ensured.Error!.Message}");
            }
        }

        peer.RemoteNodeId = node.NodeId;
        peer.RemoteNodeName = node.Name;
        peer.Collection = node.Collection;
        await SaveAsync(peer, tally, cancellationToken);
    }

    /// <summary>Pulls the collection from the cursor until the peer has nothing more; returns the position its last page gave (this node's there).</summary>
    private async Task<long?> PullCollectionAsync(PeerRow peer, TaxiiClient client, Tally tally, CancellationToken cancellationToken)
    {
        var collection = peer.Collection!;
        var cursor = await db.Cursors.FirstOrDefaultAsync(c => c.PeerId == peer.Id && c.Collection == collection, cancellationToken);
        if (cursor is null)
        {
            // Another process on this store (a CLI 'sync' beside the server) may start the same cursor at the same moment.
            cursor = new CursorRow { PeerId = peer.Id, Collection = collection, UpdatedAt = time.GetUtcNow() };
            db.Cursors.Add(cursor);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(cursor).State = EntityState.Detached;
                cursor = await db.Cursors.FirstAsync(c => c.PeerId == peer.Id && c.Collection == collection, cancellationToken);
            }
        }

        // The client copes with what TAXII servers do (a next on every page, no date headers, pages smaller than asked):
        // each page comes with the cursor to keep once it is stored.
        var url = new Uri(new Uri(peer.Url), collection);
        var from = new TaxiiCursor(cursor.AddedAfterUs is { } after ? Micros.ToTime(after) : null, cursor.Next);
        var read = new TaxiiReadOptions { Limit = options.Value.PageSize, Version = "all" };
        long? position = null;
        await foreach (var pulled in client.PullAsync(url, from, read, cancellationToken))
        {
            tally.Requests++;
            var page = pulled.Page;
            await StorePageAsync(peer, page, tally, cancellationToken);
            position = ReceivedEnvelope.Position(page.Custom) ?? position;
            peer.RemotePosition = position ?? peer.RemotePosition;

            // The page is stored: move past it.
            cursor.ReachedUs = page.DateAddedLast is { } reached ? Micros.Of(reached) : cursor.ReachedUs;
            cursor.AddedAfterUs = pulled.After.AddedAfter is { } moved ? Micros.Of(moved) : null;
            cursor.Next = pulled.After.Next;
            cursor.UpdatedAt = time.GetUtcNow();
            await SaveAsync(peer, tally, cancellationToken);
            if (pulled.Last)
            {
                break;
            }
        }

        return position;
    }

    /// <summary>
    /// Stores a TAXII source's page as its owner's, with the source's TLP (for objects without a TLP marking) and scope;
    /// an object refused is recorded with its reason, the rest of the page stored.
    /// </summary>
    private async Task StoreSourcePageAsync(PeerRow peer, TaxiiObjectsPage page, Tally tally, CancellationToken cancellationToken)
    {
        if (page.Objects.Count == 0)
        {
            return;
        }

        var items = Enumerable.Range(0, page.Objects.Count).ToList();
        var principal = await principals.ForOrganisationAsync(peer.OwnerOrgId!.Value, Role.Analyst, $"source {peer.Name}", cancellationToken);
        await using var bundle = Bundle(page.Objects, items);
        var options = new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = (Tlp?)peer.DefaultTlp, Scope = (Scope?)peer.DefaultScope, ScoreInBackground = true };
        var imported = await store.ImportAsync(principal, bundle, options, null, cancellationToken);
        if (!imported.IsSuccess)
        {
            tally.Rejected += items.Count;
            Reject(peer, null, imported.Error!.Rule, $"A page of {items.Count} objects was refused: {imported.Error.Message}");
            return;
        }

        Count(peer, page, items, imported.Value!, tally);
    }

    private void Count(PeerRow peer, TaxiiObjectsPage page, List<int> items, ImportReport report, Tally tally)
    {
        tally.Stored += report.Stored;
        tally.Duplicates += report.Duplicates;
        tally.Rejected += report.Rejected;
        foreach (var error in report.Errors)
        {
            var id = error.Id ?? (error.Index >= 0 && error.Index < items.Count ? IdOf(page.Objects[items[error.Index]]) : null);
            Reject(peer, id, error.Issues.FirstOrDefault()?.Rule ?? "invalid", string.Join(" ", error.Issues.Select(x => $"{x.Path}: {x.Message}")));
        }
    }

    private async Task StorePageAsync(PeerRow peer, TaxiiObjectsPage page, Tally tally, CancellationToken cancellationToken)
    {
        if (peer.Kind == PeerKinds.Taxii)
        {
            await StoreSourcePageAsync(peer, page, tally, cancellationToken);
            return;
        }

        var received = ReceivedEnvelope.Read(page.Custom, page.Objects.Count);
        var groups = new Dictionary<(Guid Node, Guid Owner, Tlp Tlp, Scope Scope, string? Path, string Recipients), (FederatedOrganisation Owner, List<Guid> Recipients, List<int> Items)>();
        for (var i = 0; i < page.Objects.Count; i++)
        {
            var record = received[i];
            var refusal = record.Problem is { } problem ? ("provenance", problem) : Refusal(peer, record);
            if (refusal is { } refused)
            {
                if (refused.Item1 != "own")
                {
                    tally.Rejected++;
                    Reject(peer, IdOf(page.Objects[i]), refused.Item1, refused.Item2);
                }
                else
                {
                    tally.Duplicates++;
                }

                continue;
            }

            var owner = record.Owner!;
            var path = owner.HomeNodeId == peer.RemoteNodeId ? null : Hop.FormatPath([.. record.Path, new Hop(peer.RemoteNodeId!.Value, peer.RemoteNodeName!)]);
            // Shared with recipients (or a sharing group, which has no meaning here): the named organisations of this node.
            var recipients = record.Recipients.Select(r => r.Id).Distinct().Order().ToList();
            var key = (owner.HomeNodeId, owner.RemoteId, record.Tlp, record.Scope is Scope.SharingGroup ? Scope.Recipients : record.Scope, path, string.Join(',', recipients));
            if (!groups.TryGetValue(key, out var group))
            {
                group = (owner, recipients, []);
                groups[key] = group;
            }

            group.Items.Add(i);
        }

        foreach (var ((_, _, tlp, scope, path, _), (owner, recipients, items)) in groups)
        {
            var ensured = await access.EnsureFederatedOrganisationAsync(owner, cancellationToken);
            if (!ensured.IsSuccess)
            {
                foreach (var i in items)
                {
                    tally.Rejected++;
                    Reject(peer, IdOf(page.Objects[i]), "organisation", $"Its owner '{owner.Name}' cannot be kept here: {ensured.Error!.Message}");
                }

                continue;
            }

            var principal = await principals.ForOrganisationAsync(ensured.Value!.Id, Role.Analyst, $"peer {peer.Name}", cancellationToken);
            await using var bundle = Bundle(page.Objects, items);
            var imported = await store.ImportAsync(principal, bundle, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = tlp, Scope = scope, Recipients = recipients, ScoreInBackground = true }, null, cancellationToken);
            if (!imported.IsSuccess)
            {
                foreach (var i in items)
                {
                    tally.Rejected++;
                    Reject(peer, IdOf(page.Objects[i]), imported.Error!.Rule, imported.Error.Message);
                }

                continue;
            }

            await NoteProvenanceAsync(peer, ensured.Value.Id, path, page.Objects, items, cancellationToken);
            Count(peer, page, items, imported.Value!, tally);
        }
    }

    /// <summary>
    /// Notes how the copies of a group came: relayed (<paramref name="path"/>, ending at the peer), a row per copy not yet
    /// noted — the first path a copy came by is kept; from their home node, any relay's row goes (the copy is now the
    /// home's to withdraw). Saved with the page's cursor.
    /// </summary>
    private async Task NoteProvenanceAsync(PeerRow peer, Guid owner, string? path, IReadOnlyList<ReadOnlyMemory<byte>> objects, List<int> items, CancellationToken cancellationToken)
    {
        // Most copies come from their home: the ids are read only when a relay's row may exist for this owner.
        if (path is null && !await db.Provenance.AnyAsync(p => p.OwnerOrgId == owner, cancellationToken))
        {
            return;
        }

        var ids = items.Select(i => IdOf(objects[i])).OfType<string>().Distinct().ToList();
        if (path is null)
        {
            await db.Provenance.Where(p => p.OwnerOrgId == owner && ids.Contains(p.ObjectId)).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var known = await db.Provenance.Where(p => p.OwnerOrgId == owner && ids.Contains(p.ObjectId)).Select(p => p.ObjectId).ToListAsync(cancellationToken);
        var tracked = db.Provenance.Local.Where(p => p.OwnerOrgId == owner).Select(p => p.ObjectId);
        foreach (var id in ids.Except(known).Except(tracked))
        {
            db.Provenance.Add(new ProvenanceRow { OwnerOrgId = owner, ObjectId = id, Path = path, ViaPeerId = peer.Id, ReceivedAt = time.GetUtcNow() });
        }
    }

    /// <summary>
    /// Follows the peer's withdrawals from the persisted position: each copy the peer says its owner deleted or narrowed
    /// is removed here (the versions named), then the position moves. Removing is idempotent, so a process killed
    /// between the two removes nothing twice when it reads the same withdrawals again.
    /// </summary>
    private async Task PullWithdrawalsAsync(PeerRow peer, HttpClient http, Tally tally, CancellationToken cancellationToken)
    {
        while (true)
        {
            var list = await ReadWithdrawalsAsync(peer, http, peer.WithdrawalsAfter, tally, cancellationToken);
            await WithdrawAsync(peer, list.Withdrawals, tally, cancellationToken);
            peer.WithdrawalsAfter = list.Position;
            await SaveAsync(peer, tally, cancellationToken);
            if (!list.More)
            {
                return;
            }
        }
    }

    private async Task<WithdrawalList> ReadWithdrawalsAsync(PeerRow peer, HttpClient http, long? after, Tally tally, CancellationToken cancellationToken)
    {
        tally.Requests++;
        var query = after is { } from ? string.Create(CultureInfo.InvariantCulture, $"?after={from}&limit={FederationService.MaxWithdrawals}") : "";
        using var response = await http.GetAsync(new Uri(new Uri(peer.Url), "api/v1/federation/withdrawals" + query), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PeerException($"'{peer.Name}' answered HTTP {(int)response.StatusCode} when asked what it withdrew ({peer.Url}api/v1/federation/withdrawals).");
        }

        var list = await response.Content.ReadFromJsonAsync<WithdrawalList>(Json, cancellationToken);
        if (list?.Withdrawals is null || list.Position < (after ?? 0) || (list.More && list.Position == after))
        {
            throw new PeerException($"'{peer.Name}' sent a list of withdrawals this node cannot follow (its position must move past {after}).");
        }

        return list;
    }

    private async Task WithdrawAsync(PeerRow peer, IReadOnlyList<WithdrawnRecord> withdrawals, Tally tally, CancellationToken cancellationToken)
    {
        if (withdrawals.Count == 0)
        {
            return;
        }

        var federated = (await directory.ListOrganisationsAsync(cancellationToken))
            .Where(o => o.Home is not null).ToDictionary(o => (o.Home!.NodeId, o.Home.RemoteId), o => o.Id);
        foreach (var copy in withdrawals.GroupBy(w => (w.Owner, w.Id)))
        {
            var (ownerKey, id) = copy.Key;
            if (!OwnerEntry.TryParseKey(ownerKey, out var node, out var remote) || copy.Any(w => w.Kind is not ("deleted" or "retracted")))
            {
                tally.Rejected++;
                Reject(peer, id, "withdrawal", $"The withdrawal of '{id}' names an owner '{ownerKey}' or a kind ({string.Join(", ", copy.Select(w => w.Kind).Distinct())}) this node does not know.");
                continue;
            }

            if (node == identity.Node.Id)
            {
                continue;
            }

            var relayed = node != peer.RemoteNodeId;
            if (relayed && !peer.AcceptRelays)
            {
                tally.Rejected++;
                Reject(peer, id, "foreign-owner", $"The withdrawal of '{id}' names an owner of node {node}, which {peer.Name} does not host: a peer withdraws only records of the organisations it hosts, or that it relayed here.");
                continue;
            }

            // An owner never seen here has no copy here to remove; nor has a copy this node does not hold. A relay
            // withdraws only a copy it relayed here: one that came from its home (or another relay) is not its to take back.
            if (!federated.TryGetValue((node, remote), out var owner)
                || (relayed && !await db.Provenance.AnyAsync(p => p.OwnerOrgId == owner && p.ObjectId == id && p.ViaPeerId == peer.Id, cancellationToken)))
            {
                continue;
            }

            var principal = await principals.ForOrganisationAsync(owner, Role.Analyst, $"peer {peer.Name}", cancellationToken);
            var held = await store.CopyVersionsAsync(principal, id, owner, cancellationToken);
            if (!held.IsSuccess)
            {
                continue;
            }

            var versions = held.Value!;
            var doomed = versions.Where(v => copy.Any(w => w.Kind == "deleted" ? VersionUs(v) == w.VersionUs : VersionUs(v) <= w.VersionUs)).ToList();
            if (doomed.Count == 0)
            {
                continue;
            }

            var removed = doomed.Count == versions.Count
                ? await store.DeleteAsync(principal, id, cancellationToken)
                : await store.DeleteVersionsAsync(principal, id, [.. doomed.Select(v => v.Version!)], cancellationToken);
            if (removed.IsSuccess)
            {
                tally.Withdrawn += removed.Value!.VersionsRemoved;
                if (doomed.Count == versions.Count)
                {
                    await db.Provenance.Where(p => p.OwnerOrgId == owner && p.ObjectId == id).ExecuteDeleteAsync(cancellationToken);
                }
            }
            else
            {
                tally.Rejected++;
                Reject(peer, id, removed.Error!.Rule, $"Withdrawing it failed: {removed.Error.Message}");
            }
        }
    }

    /// <summary>A version as the store keys it: <c>modified</c>, else <c>created</c>, in microseconds; 0 for none (an SCO).</summary>
    private static long VersionUs(StoredStixObject version) =>
        StixTimestamp.TryParse(version.Version, out var at) ? Micros.Of(at.ToDateTimeOffset()) : 0;

    /// <summary>
    /// Why a record the peer sent is not stored, or null. A peer asserts records of organisations it hosts, and — when this
    /// node takes relays from it — records of other nodes with the path they came by, from their home node on; only what
    /// was shared with connected nodes, at TLP:GREEN or CLEAR, may leave a node (AMBER is never relayed). A record that
    /// passed through this node before (a loop in a mesh) is already here: "own", not a refusal.
    /// </summary>
    private (string, string)? Refusal(PeerRow peer, ReceivedRecord record)
    {
        var owner = record.Owner!;
        if (owner.HomeNodeId == identity.Node.Id || record.Path.Any(h => h.Node == identity.Node.Id))
        {
            return ("own", "");
        }

        if (owner.HomeNodeId != peer.RemoteNodeId)
        {
            if (!peer.AcceptRelays)
            {
                return ("foreign-owner", $"Owned by '{owner.Name}' of node {owner.HomeNodeName} ({owner.HomeNodeId}), which {peer.Name} does not host: this node takes from {peer.Name} only records of the organisations it hosts (it does not accept relays from it).");
            }

            if (record.Path.Count == 0 || record.Path[0].Node != owner.HomeNodeId || record.Path.Any(h => h.Node == peer.RemoteNodeId)
                || record.Path.DistinctBy(h => h.Node).Count() != record.Path.Count || record.Path.Count >= Hop.MaxPath)
            {
                return ("provenance", $"Relayed by {peer.Name} without a path from its owner's home node {owner.HomeNodeName} ({owner.HomeNodeId}): a relay names every node it passed through, once, home first, at most {Hop.MaxPath - 1}.");
            }
        }

        if (record.Scope is Scope.Recipients or Scope.SharingGroup)
        {
            if (owner.HomeNodeId != peer.RemoteNodeId)
            {
                return ("relay", $"Shared with named recipients: only its home node {owner.HomeNodeName} sends it; it is never relayed.");
            }

            if (record.Tlp == Tlp.Red)
            {
                return ("tlp", "TLP:RED never leaves its node.");
            }

            if (record.Recipients.Count == 0 || record.Recipients.Any(r => r.Node != identity.Node.Id))
            {
                return ("recipients", $"Shared with named recipients, but {peer.Name} names none hosted here, or names some hosted elsewhere: a node is sent only what names its own organisations.");
            }

            return null;
        }

        if (record.Scope < Scope.ConnectedNodes)
        {
            return ("scope", $"Shared with '{Distribution.Name(record.Scope)}' only: it may not leave its node.");
        }

        if (record.Tlp > Tlp.Green)
        {
            return ("tlp", $"TLP:{Distribution.Label(record.Tlp)} is not shared with connected nodes.");
        }

        return null;
    }

    private void Reject(PeerRow peer, string? objectId, string rule, string message)
    {
        db.Rejections.Add(new RejectionRow
        {
            PeerId = peer.Id,
            ObjectId = objectId is { Length: > 300 } ? objectId[..300] : objectId,
            Rule = rule.Length > 100 ? rule[..100] : rule,
            Message = message.Length > 2000 ? message[..2000] : message,
            At = time.GetUtcNow(),
        });
    }

    /// <summary>
    /// Saves the pull's state (cursor, refusals, the peer's status) and adds what was counted since the last save to the
    /// peer's totals, in one transaction. The totals are added, not written: a CLI 'sync' beside the server counts too.
    /// </summary>
    private async Task SaveAsync(PeerRow peer, Tally tally, CancellationToken cancellationToken)
    {
        var (received, rejected, requests, withdrawn) = (tally.Stored - tally.SavedStored, tally.Rejected - tally.SavedRejected, tally.Requests - tally.SavedRequests, tally.Withdrawn - tally.SavedWithdrawn);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (received != 0 || rejected != 0 || requests != 0 || withdrawn != 0)
        {
            await db.Peers.Where(p => p.Id == peer.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Received, p => p.Received + received)
                .SetProperty(p => p.Withdrawn, p => p.Withdrawn + withdrawn)
                .SetProperty(p => p.Rejected, p => p.Rejected + rejected)
                .SetProperty(p => p.Requests, p => p.Requests + requests), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var tag = FederationMetrics.Peer(peer.Name);
        FederationMetrics.Received.Add(received, tag);
        FederationMetrics.Rejected.Add(rejected, tag);
        FederationMetrics.Requests.Add(requests, tag);
        FederationMetrics.Withdrawn.Add(withdrawn, tag);
        FederationMetrics.SetLag(peer.Name, FederationMetrics.LagSeconds(peer, db.Cursors.Local.Where(c => c.PeerId == peer.Id), time.GetUtcNow()));
        (tally.SavedStored, tally.SavedRejected, tally.SavedRequests, tally.SavedWithdrawn) = (tally.Stored, tally.Rejected, tally.Requests, tally.Withdrawn);
    }

    private static MemoryStream Bundle(IReadOnlyList<ReadOnlyMemory<byte>> objects, List<int> items)
    {
        var stream = new MemoryStream();
        stream.Write("{\"type\":\"bundle\",\"id\":\"bundle--"u8);
        stream.Write(Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()));
        stream.Write("\",\"objects\":["u8);
        for (var n = 0; n < items.Count; n++)
        {
            if (n > 0)
            {
                stream.WriteByte((byte)',');
            }

            stream.Write(objects[items[n]].Span);
        }

        stream.Write("]}"u8);
        stream.Position = 0;
        return stream;
    }

    private static string? IdOf(ReadOnlyMemory<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Tally
    {
        public int Requests { get; set; }

        public long Stored { get; set; }

        public long Duplicates { get; set; }

        public long Rejected { get; set; }

        public long Withdrawn { get; set; }

        public string? Error { get; set; }

        public long SavedStored { get; set; }

        public long SavedRejected { get; set; }

        public int SavedRequests { get; set; }

        public long SavedWithdrawn { get; set; }
    }
}

/// <summary>A peer answered something this node cannot work with; the message says what, for the peer's status.</summary>
internal sealed class PeerException(string message) : Exception(message);
