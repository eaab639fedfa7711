using Concord.Access;
using Concord.Federation.Data;
using Concord.Federation.Features.Sync;
using Concord.Platform;
using Concord.Stix;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Federation.Features.Peers;

/// <summary>Connecting, listing and disconnecting peers (node admins only: <see cref="PeerRules.NodeAdmin"/>).</summary>
internal sealed class PeerService(FederationDbContext db, IAccessAdmin access, IAccessDirectory directory, IAuditTrail audit, TimeProvider time)
{
    private const int RejectionsShown = 50;

    public async Task<Result<IReadOnlyList<PeerInfo>>> ListAsync(Principal caller, CancellationToken cancellationToken)
    {
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        var peers = await db.Peers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var list = new List<PeerInfo>();
        foreach (var peer in peers)
        {
            list.Add(await InfoAsync(peer, cancellationToken));
        }

        return list;
    }

    public async Task<Result<PeerInfo>> GetAsync(Principal caller, Guid id, CancellationToken cancellationToken)
    {
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        var peer = await db.Peers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return peer is null ? Error.NotFound("The peer") : await InfoAsync(peer, cancellationToken);
    }

    public async Task<Result<ConnectedPeer>> ConnectAsync(Principal caller, NewPeer request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        var taxii = request.Kind == PeerKinds.Taxii;
        var push = request.Kind == PeerKinds.TaxiiPush;
        if (request.Kind is not (null or PeerKinds.Concord or PeerKinds.Taxii or PeerKinds.TaxiiPush))
        {
            return Error.Validation("kind", "kind-unknown", $"'kind' is '{PeerKinds.Concord}' (another Concord node, the default), '{PeerKinds.Taxii}' (a TAXII 2.1 collection of any server, pulled) or '{PeerKinds.TaxiiPush}' (one pushed to), not '{request.Kind}'.");
        }

        var url = PeerRules.Url(request.Url);
        if ((PeerRules.Name(request.Name) ?? url.Error ?? (taxii || push ? PeerRules.SourceKey(request.Key) : PeerRules.Key(request.Key))) is { } invalid)
        {
            return invalid;
        }

        if (push)
        {
            return await ConnectDestinationAsync(request, url.Value!, cancellationToken);
        }

        if (!taxii && (request.Owner is not null || request.Tlp is not null || request.Scope is not null))
        {
            return Error.Validation("owner", "taxii-only", "'owner', 'tlp' and 'scope' are for a TAXII source ('kind': 'taxii'): a Concord node's records keep their owners and distribution.");
        }

        var name = request.Name!.Trim();
        if (await db.Peers.AnyAsync(p => p.Name == name, cancellationToken))
        {
            return Error.Conflict("peer-name-taken", $"A peer named '{name}' is already connected.", "name");
        }

        if (taxii)
        {
            if (request.AcceptRelays == true)
            {
                return Error.Validation("acceptRelays", "concord-only", "Relays are taken from Concord nodes only: a TAXII source's objects are stored as one organisation's of this node.");
            }

            var source = await PeerRules.SourceAsync(request, url.Value!, directory, cancellationToken);
            if (!source.IsSuccess)
            {
                return source.Error!;
            }

            var settings = source.Value;
            var row = new PeerRow
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                Name = name,
                Kind = PeerKinds.Taxii,
                Url = url.Value!,
                Collection = url.Value,
                OutboundKey = request.Key,
                OwnerOrgId = settings.Owner,
                DefaultTlp = settings.Tlp is { } t ? (int)t : null,
                DefaultScope = settings.Scope is { } sc ? (int)sc : null,
                CreatedAt = time.GetUtcNow(),
            };
            db.Peers.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEvent("federation.peer.connect", "peer", row.Id.ToString(), null, "TAXII source"), cancellationToken);
            return new ConnectedPeer(await InfoAsync(row, cancellationToken), null);
        }

        // The credential the peer reads this node with: an Access peer node of the same name.
        var inbound = await access.CreatePeerNodeAsync(name, cancellationToken);
        if (!inbound.IsSuccess)
        {
            return inbound.Error!;
        }

        var peer = new PeerRow
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name,
            Url = url.Value!,
            InboundPeerNodeId = inbound.Value!.Peer.Id,
            OutboundKey = request.Key,
            AcceptRelays = request.AcceptRelays ?? false,
            CreatedAt = time.GetUtcNow(),
        };
        db.Peers.Add(peer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await access.RevokePeerNodeAsync(inbound.Value.Peer.Id.ToString(), cancellationToken);
            return Error.Conflict("peer-name-taken", $"A peer named '{name}' is already connected.", "name");
        }

        await audit.RecordAsync(new AuditEvent("federation.peer.connect", "peer", peer.Id.ToString(), null,
            (request.Key is null ? "no key yet" : "with key") + (peer.AcceptRelays ? ", relays accepted" : "")), cancellationToken);
        return new ConnectedPeer(await InfoAsync(peer, cancellationToken), inbound.Value.Key);
    }

    /// <summary>Whether the peer is a push destination (pushed, not pulled, when synced).</summary>
    public Task<bool> IsPushAsync(Guid id, CancellationToken cancellationToken) =>
        db.Peers.AnyAsync(p => p.Id == id && p.Kind == PeerKinds.TaxiiPush, cancellationToken);

    /// <summary>
    /// A TAXII push destination: a collection's address and its credential; no Access credential (nothing reads this node
    /// with it, <see cref="Push.PushPrincipal"/>), no owner, TLP, scope or relays.
    /// </summary>
    private async Task<Result<ConnectedPeer>> ConnectDestinationAsync(NewPeer request, string url, CancellationToken cancellationToken)
    {
        if (!url.Contains("/collections/", StringComparison.Ordinal))
        {
            return Error.Validation("url", "taxii-collection", $"'{url}' is not a TAXII collection's address (…/{{api root}}/collections/{{id}}/).");
        }

        if (request.Owner is not null || request.Tlp is not null || request.Scope is not null)
        {
            return Error.Validation("owner", "taxii-only", "'owner', 'tlp' and 'scope' are for a TAXII source ('kind': 'taxii'): a push destination receives records with their own markings.");
        }

        if (request.AcceptRelays == true)
        {
            return Error.Validation("acceptRelays", "concord-only", "Relays are taken from Concord nodes only: nothing is taken from a push destination.");
        }

        var name = request.Name!.Trim();
        if (await db.Peers.AnyAsync(p => p.Name == name, cancellationToken))
        {
            return Error.Conflict("peer-name-taken", $"A peer named '{name}' is already connected.", "name");
        }

        var row = new PeerRow
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name,
            Kind = PeerKinds.TaxiiPush,
            Url = url,
            Collection = url,
            OutboundKey = request.Key,
            CreatedAt = time.GetUtcNow(),
        };
        db.Peers.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("peer-name-taken", $"A peer named '{name}' is already connected.", "name");
        }

        await audit.RecordAsync(new AuditEvent("federation.peer.connect", "peer", row.Id.ToString(), null, "TAXII push destination"), cancellationToken);
        return new ConnectedPeer(await InfoAsync(row, cancellationToken), null);
    }

    public async Task<Result<PeerInfo>> SetKeyAsync(Principal caller, Guid id, string? key, CancellationToken cancellationToken)
    {
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The peer");
        }

        var external = peer.Kind is PeerKinds.Taxii or PeerKinds.TaxiiPush;
        if ((key is null ? Error.Validation("key", "required", "Give the key the peer's node printed when it registered this node.") : external ? PeerRules.SourceKey(key) : PeerRules.Key(key)) is { } invalid)
        {
            return invalid;
        }

        peer.OutboundKey = key;
        peer.LastError = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("federation.peer.key", "peer", peer.Id.ToString(), null), cancellationToken);
        return await InfoAsync(peer, cancellationToken);
    }

    public async Task<Result<PeerInfo>> ChangeAsync(Principal caller, Guid id, PeerChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        if (change.Paused is null && change.AcceptRelays is null)
        {
            return Error.Validation("paused", "required", "Say what changes: 'paused' (true or false) or 'acceptRelays' (true or false).");
        }

        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The peer");
        }

        if (!peer.Enabled)
        {
            return Error.Conflict("peer-disconnected", $"'{peer.Name}' is disconnected: connect it again instead.");
        }

        var changes = new List<string>();
        if (change.Paused is { } paused && paused != peer.Paused)
        {
            peer.Paused = paused;
            changes.Add(paused ? "paused" : "resumed");
        }

        if (change.AcceptRelays == true && peer.Kind != PeerKinds.Concord)
        {
            return Error.Validation("acceptRelays", "concord-only", "Relays are taken from Concord nodes only.");
        }

        if (change.AcceptRelays is { } relays && relays != peer.AcceptRelays)
        {
            peer.AcceptRelays = relays;
            changes.Add(relays ? "relays accepted" : "relays refused");
        }

        if (changes.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEvent("federation.peer.change", "peer", peer.Id.ToString(), null, string.Join(", ", changes)), cancellationToken);
        }

        return await InfoAsync(peer, cancellationToken);
    }

    public async Task<Result<PeerInfo>> DisconnectAsync(Principal caller, Guid id, CancellationToken cancellationToken)
    {
        if (PeerRules.NodeAdmin(caller) is { } denied)
        {
            return denied;
        }

        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The peer");
        }

        if (peer.Enabled)
        {
            if (peer.InboundPeerNodeId is { } inbound)
            {
                var revoked = await access.RevokePeerNodeAsync(inbound.ToString(), cancellationToken);
                if (!revoked.IsSuccess && revoked.Error!.Kind != ErrorKind.NotFound)
                {
                    return revoked.Error;
                }
            }

            peer.Enabled = false;
            peer.OutboundKey = null;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEvent("federation.peer.disconnect", "peer", peer.Id.ToString(), null), cancellationToken);
        }

        return await InfoAsync(peer, cancellationToken);
    }

    private async Task<PeerInfo> InfoAsync(PeerRow peer, CancellationToken cancellationToken)
    {
        var cursors = await db.Cursors.AsNoTracking().Where(c => c.PeerId == peer.Id).ToListAsync(cancellationToken);
        var rejections = await db.Rejections.AsNoTracking().Where(r => r.PeerId == peer.Id && !r.ByPeer)
            .OrderByDescending(r => r.Id).Take(RejectionsShown).ToListAsync(cancellationToken);
        var refusedThere = await db.Rejections.AsNoTracking().Where(r => r.PeerId == peer.Id && r.ByPeer)
            .OrderByDescending(r => r.Id).Take(RejectionsShown).ToListAsync(cancellationToken);
        return new PeerInfo(
            peer.Id, peer.Name, peer.Kind, peer.Url, peer.InboundPeerNodeId, peer.OutboundKey is not null, peer.Enabled, peer.Paused, peer.AcceptRelays,
            peer.RemoteNodeId, peer.RemoteNodeName, peer.CreatedAt,
            new PeerSyncStatus(peer.LastAttemptAt, peer.LastSuccessAt, peer.LastError, peer.Received, peer.Rejected, peer.Requests, peer.Withdrawn, Lag(peer, cursors)) { RefusedThere = peer.RefusedThere },
            cursors.OrderBy(c => c.Collection, StringComparer.Ordinal)
                .Select(c => new PeerCursorInfo(c.Collection, c.AddedAfterUs is { } us ? Micros.ToTime(us) : null, c.Next is not null || c.ReachedUs > (c.AddedAfterUs ?? long.MinValue), c.UpdatedAt)).ToList(),
            rejections.Select(r => new PeerRejection(r.ObjectId, r.Rule, r.Message, r.At)).ToList())
        {
            Source = peer.OwnerOrgId is { } owner
                ? new TaxiiSource(owner, peer.DefaultTlp is { } t ? Distribution.Label((Tlp)t) : null, peer.DefaultScope is { } sc ? Distribution.Name((Scope)sc) : null)
                : null,
            RefusedThere = refusedThere.Select(r => new PeerRejection(r.ObjectId, r.Rule, r.Message, r.At)).ToList(),
            Push = peer.Kind == PeerKinds.TaxiiPush ? new PushStatus(peer.Pushed, peer.PushFailed, peer.Withdrawn, peer.NotDeleted) : null,
        };
    }

    /// <summary>A push destination is behind by the time since its last success while pushing fails; else as a pulled peer.</summary>
    private double Lag(PeerRow peer, List<CursorRow> cursors) =>
        peer.Kind != PeerKinds.TaxiiPush ? FederationMetrics.LagSeconds(peer, cursors, time.GetUtcNow())
        : peer.Enabled && peer.LastError is not null ? Math.Max(0, (time.GetUtcNow() - (peer.LastSuccessAt ?? peer.CreatedAt)).TotalSeconds) : 0;
}
