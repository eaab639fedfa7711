using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Access.Features.Admin;

/// <summary>
/// Peer nodes: a node admin registers a connected node by name and hands it the key printed once; revoking the peer
/// stops the key at once. Whom the peer reads for is decided by <see cref="Visibility"/> for <see cref="PrincipalKind.PeerNode"/>.
/// </summary>
internal sealed class PeerNodeService(AccessDbContext db, TimeProvider time, ILogger<PeerNodeService> logger, IAuditTrail audit)
{
    public Task<Result<CreatedPeerNode>> CreateAsync(Caller caller, string? name, CancellationToken cancellationToken) =>
        CreateCoreAsync(caller, name, cancellationToken).AuditedAsync(audit, p => new AuditEvent("peer-node.create", "peer-node", p.Peer.Id.ToString()), cancellationToken);

    private async Task<Result<CreatedPeerNode>> CreateCoreAsync(Caller caller, string? name, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.CreatePeerNode) is { } denied)
        {
            return denied;
        }

        // As with API keys: a key cannot mint credentials that would outlive its own revocation.
        if (!caller.IsSystem && !caller.IsUserSession)
        {
            return new Error(ErrorKind.Forbidden, "user-session-required", "Peer nodes are registered by a signed-in node admin, not by an API key.");
        }

        if (Rules.Text(name, "name", 100) is { } invalid)
        {
            return invalid;
        }

        var trimmed = name!.Trim();
        if (await db.PeerNodes.AnyAsync(p => p.Name == trimmed, cancellationToken))
        {
            return Error.Conflict("name-taken", $"A peer node named '{trimmed}' is already registered.", "name");
        }

        var now = time.GetUtcNow();
        var (prefix, secret, key) = ApiKeyFormat.Generate();
        var peer = new PeerNode { Id = Guid.CreateVersion7(now), Name = trimmed, Prefix = prefix, SecretHash = ApiKeyFormat.Hash(secret), CreatedAt = now };
        db.PeerNodes.Add(peer);
        await db.SaveChangesAsync(cancellationToken);
        Log.AdminAction(logger, "registered peer node", $"{peer.Id} ({prefix})", caller.Describe());
        return new CreatedPeerNode(ToInfo(peer), key);
    }

    public async Task<Result<List<PeerNodeInfo>>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        AdminRules.Check(caller, AdminOperation.ListPeerNodes) is { } denied ? denied
            : (await db.PeerNodes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(ToInfo).ToList();

    /// <summary>Revokes the peer named <paramref name="nameOrId"/> (its name or id); revoking twice keeps the first time.</summary>
    public Task<Result<PeerNodeInfo>> RevokeAsync(Caller caller, string nameOrId, CancellationToken cancellationToken) =>
        RevokeCoreAsync(caller, nameOrId, cancellationToken).AuditedAsync(audit, p => new AuditEvent("peer-node.revoke", "peer-node", p.Id.ToString()), cancellationToken);

    private async Task<Result<PeerNodeInfo>> RevokeCoreAsync(Caller caller, string nameOrId, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.RevokePeerNode) is { } denied)
        {
            return denied;
        }

        var peer = Guid.TryParse(nameOrId, out var id)
            ? await db.PeerNodes.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await db.PeerNodes.FirstOrDefaultAsync(p => p.Name == nameOrId, cancellationToken);
        if (peer is null)
        {
            return Error.NotFound("The peer node");
        }

        if (peer.RevokedAt is null)
        {
            peer.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            Log.AdminAction(logger, "revoked peer node", $"{peer.Id} ({peer.Prefix})", caller.Describe());
        }

        return ToInfo(peer);
    }

    private static PeerNodeInfo ToInfo(PeerNode p) => new(p.Id, p.Name, p.Prefix, p.CreatedAt, p.RevokedAt, p.LastUsedAt);
}
