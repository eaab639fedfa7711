using System.Security.Claims;
using System.Security.Cryptography;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Features.Audit;

internal sealed class AuditLog(AccessDbContext db) : IAuditLog
{
    public Task<Result<AuditPage>> QueryAsync(ClaimsPrincipal reader, AuditQuery query, CancellationToken cancellationToken)
    {
        var caller = Caller.From(reader);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (caller.Role is Role.NodeAdmin or Role.Secretariat)
        {
            return PageAsync(entries, query, cancellationToken);
        }

        if (caller.Role == Role.OrgAdmin && caller.OrganisationId is { } own)
        {
            return PageAsync(entries.Where(e => e.ActorOrganisationId == own || e.TargetOrganisationId == own), query, cancellationToken);
        }

        return Task.FromResult<Result<AuditPage>>(
            new Error(ErrorKind.Forbidden, "audit-role-required", "Reading the audit trail takes an organisation admin, the secretariat or a node admin."));
    }

    public Task<Result<AuditPage>> QueryAllAsync(AuditQuery query, CancellationToken cancellationToken) =>
        PageAsync(db.Set<AuditEntry>().AsNoTracking(), query, cancellationToken);

    private static async Task<Result<AuditPage>> PageAsync(IQueryable<AuditEntry> entries, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AuditQuery.MaxLimit)
        {
            return Error.Validation("limit", "out-of-range", $"limit must be between 1 and {AuditQuery.MaxLimit}.");
        }

        if (query.Action is { Length: > 0 } action)
        {
            entries = action.EndsWith('*') ? entries.Where(e => e.Action.StartsWith(action.TrimEnd('*'))) : entries.Where(e => e.Action == action);
        }

        if (query.Organisation is { } org)
        {
            entries = entries.Where(e => e.ActorOrganisationId == org || e.TargetOrganisationId == org);
        }

        if (query.Actor is { } actor)
        {
            entries = entries.Where(e => e.ActorId == actor);
        }

        if (query.From is { } from)
        {
            var fromUs = from.ToUnixTimeMilliseconds() * 1000;
            entries = entries.Where(e => e.AtUs >= fromUs);
        }

        if (query.To is { } to)
        {
            var toUs = to.ToUnixTimeMilliseconds() * 1000;
            entries = entries.Where(e => e.AtUs < toUs);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Seq < before);
        }

        var page = await entries.OrderByDescending(e => e.Seq).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        var shown = page.Take(query.Limit).Select(Info).ToList();
        return new AuditPage(shown, more ? shown[^1].Seq : null);
    }

    public async Task<IReadOnlyList<AuditEntryInfo>> SignInsAsync(ClaimsPrincipal reader, int limit, CancellationToken cancellationToken)
    {
        if (Caller.From(reader) is not { IsUserSession: true, UserId: { } user })
        {
            return [];
        }

        var id = user.ToString();
        var rows = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => (e.ActorId == user && e.Action == AccessAuditActions.SignIn)
                || (e.Action == AccessAuditActions.SignInFailed && e.TargetType == "user" && e.TargetId == id))
            .OrderByDescending(e => e.Seq).Take(Math.Clamp(limit, 1, 100)).ToListAsync(cancellationToken);
        return [.. rows.Select(Info)];
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        long expected = 1;
        var previous = AuditHash.Genesis;
        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Seq != expected)
            {
                return Bad(expected - 1, previous, entry.Seq, entry.Seq > expected
                    ? $"entry {expected} is missing (the next one is {entry.Seq})"
                    : $"entry {entry.Seq} appears again after entry {expected - 1}");
            }

            if (!CryptographicOperations.FixedTimeEquals(entry.PreviousHash, previous))
            {
                return Bad(expected - 1, previous, entry.Seq,
                    $"entry {entry.Seq} does not follow entry {entry.Seq - 1}: an entry before it was changed, removed or put out of order");
            }

            if (!CryptographicOperations.FixedTimeEquals(AuditHash.Of(entry), entry.Hash))
            {
                return Bad(expected - 1, previous, entry.Seq, $"entry {entry.Seq} was changed after it was written");
            }

            previous = entry.Hash;
            expected++;
        }

        return new AuditVerification(true, expected - 1, expected > 1 ? Convert.ToHexStringLower(previous) : null, null, null);
    }

    private static AuditVerification Bad(long goodEntries, byte[] lastGoodHash, long seq, string problem) =>
        new(false, goodEntries, goodEntries > 0 ? Convert.ToHexStringLower(lastGoodHash) : null, seq, problem);

    private static AuditEntryInfo Info(AuditEntry e) => new(
        e.Seq, DateTimeOffset.FromUnixTimeMilliseconds(e.AtUs / 1000), e.ActorKind, e.ActorId, e.ActorOrganisationId, e.Channel, e.Address,
        e.Action, e.TargetType, e.TargetId, e.TargetOrganisationId, e.Detail, e.Succeeded);
}
