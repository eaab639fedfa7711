using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Access.Features.Audit;

/// <summary>
/// Appends to the audit trail. Each entry is its own transaction on a context of its own (never the caller's, whose
/// unsaved changes it must not save), under a lock that makes appends one at a time: the next number and the previous
/// hash are read and the entry written inside it, so the chain has no gaps and no forks. On SQLite the transaction takes
/// the single writer's lock; on PostgreSQL an advisory lock.
/// </summary>
internal sealed class AuditTrail(
    IServiceScopeFactory scopes, AuditDefaults defaults, IHttpContextAccessor http, IOptions<StorageOptions> storage, TimeProvider time) : IAuditTrail
{
    /// <summary>The PostgreSQL advisory lock of the audit trail ("audit" in ASCII).</summary>
    private const long LockKey = 0x6175646974;

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        RecordAsync(auditEvent, FromRequest(http.HttpContext) ?? defaults.Actor, cancellationToken);

    public async Task RecordAsync(AuditEvent auditEvent, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(actor);
        await using var appendScope = scopes.CreateAsyncScope();
        var db = appendScope.ServiceProvider.GetRequiredService<AccessDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (storage.Value.Provider == StorageProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        var last = await db.Database.ListAsync(
            "SELECT seq, hash FROM access_audit ORDER BY seq DESC LIMIT 1", r => (Seq: r.GetInt64(0), Hash: (byte[])r.GetValue(1)), cancellationToken);
        var entry = new AuditEntry
        {
            Seq = last.Count == 0 ? 1 : last[0].Seq + 1,
            AtUs = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorOrganisationId = actor.OrganisationId,
            Channel = actor.Channel,
            Address = actor.Address,
            Action = auditEvent.Action,
            TargetType = auditEvent.TargetType,
            TargetId = auditEvent.TargetId,
            TargetOrganisationId = auditEvent.TargetOrganisationId,
            Detail = auditEvent.Detail,
            Succeeded = auditEvent.Succeeded,
            PreviousHash = last.Count == 0 ? AuditHash.Genesis : last[0].Hash,
            Hash = [],
        };
        entry.Hash = AuditHash.Of(entry);
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The actor of an HTTP request: its credential's kind and id, organisation, channel (by path) and address.</summary>
    internal static AuditActor? FromRequest(HttpContext? context)
    {
        if (context is null)
        {
            return null;
        }

        var user = context.User;
        var path = context.Request.Path;
        var channel = path.StartsWithSegments("/api") ? AuditChannel.Rest
            : path.StartsWithSegments("/taxii2") ? AuditChannel.Taxii
            : AuditChannel.Ui;
        var kind = user.FindFirstValue(AccessClaims.Kind) switch
        {
            AccessClaims.KindUser => AuditActor.User,
            AccessClaims.KindApiKey => AuditActor.ApiKey,
            AccessClaims.KindPeerNode => AuditActor.PeerNode,
            _ => AuditActor.Anonymous,
        };
        var id = kind == AuditActor.User ? Id(user, AccessClaims.User) : Id(user, AccessClaims.Subject);
        if (kind == AuditActor.PeerNode)
        {
            channel = AuditChannel.Federation;
        }

        return new AuditActor(kind, id, Id(user, AccessClaims.Organisation), channel, context.Connection.RemoteIpAddress?.ToString());
    }

    private static Guid? Id(ClaimsPrincipal user, string claim) => Guid.TryParse(user.FindFirstValue(claim), out var id) ? id : null;
}
