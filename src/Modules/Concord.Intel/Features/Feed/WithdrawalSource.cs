using System.Linq.Expressions;
using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Feed;

/// <summary>
/// Withdrawals read from the store's own rows, in windows of its sequence (one sequence numbers versions and
/// tombstones in commit order): a tombstone the reader may read is a deleted version it could read; a version it may
/// not read, stored as its copy's newest while an earlier version was readable, retracts that copy up to the newest
/// earlier version it could read. Both decisions are the visibility door's, so a record the reader never could read is
/// never named; and the version named is one it could read, never the hidden one's.
/// </summary>
internal sealed class WithdrawalSource(IntelDbContext db) : IWithdrawals
{
    /// <summary>Sequence numbers one read looks through at most: a reader far behind pays a bounded amount per request.</summary>
    internal const long Window = 50_000;

    public async Task<long> PositionAsync(CancellationToken cancellationToken)
    {
        var objects = await db.Objects.MaxAsync(o => (long?)o.Seq, cancellationToken) ?? 0;
        var tombstones = await db.Tombstones.MaxAsync(t => (long?)t.Seq, cancellationToken) ?? 0;
        return Math.Max(objects, tombstones);
    }

    public async Task<WithdrawalPage> ReadAsync(Principal principal, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        limit = Math.Clamp(limit, 1, 1000);
        var head = await PositionAsync(cancellationToken);
        var upTo = Math.Min(head, after + Window);
        if (upTo <= after)
        {
            return new WithdrawalPage([], after, false);
        }

        var deleted = await db.Tombstones.AsNoTracking().Apply(principal)
            .Where(t => t.Seq > after && t.Seq <= upTo)
            .OrderBy(t => t.Seq).Take(limit + 1)
            .Select(t => new Withdrawal(t.Seq, t.StixId, t.OwnerOrgId, WithdrawalKind.Deleted, t.VersionUs))
            .ToListAsync(cancellationToken);

        // A version hidden from the reader that was its copy's newest when stored (no readable version of the copy is
        // newer and came before it), with a readable version before it: the reader holds that one and must let it go.
        var visible = db.Objects.AsNoTracking().Apply(principal);
        var retracted = await db.Objects.AsNoTracking().Where(Hidden(principal))
            .Where(h => h.Seq > after && h.Seq <= upTo)
            .Select(h => new
            {
                h.Seq,
                h.StixId,
                h.OwnerOrgId,
                Through = visible.Where(v => v.StixId == h.StixId && v.OwnerOrgId == h.OwnerOrgId && v.VersionUs < h.VersionUs).Max(v => (long?)v.VersionUs),
                Newer = visible.Any(v => v.StixId == h.StixId && v.OwnerOrgId == h.OwnerOrgId && v.VersionUs > h.VersionUs && v.Seq < h.Seq),
            })
            .Where(x => x.Through != null && !x.Newer)
            .OrderBy(x => x.Seq).Take(limit + 1)
            .ToListAsync(cancellationToken);

        var items = deleted
            .Concat(retracted.Select(r => new Withdrawal(r.Seq, r.StixId, r.OwnerOrgId, WithdrawalKind.Retracted, r.Through!.Value)))
            .OrderBy(w => w.Sequence).ToList();

        // Each list holds the first limit+1 of its kind in the window: the first `limit` of their merge are the window's.
        if (items.Count > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
            return new WithdrawalPage(items, items[^1].Sequence, true);
        }

        return new WithdrawalPage(items, upTo, upTo < head);
    }

    /// <summary>The rows the principal may not read: the door's own rule, negated.</summary>
    private static Expression<Func<StoredObject, bool>> Hidden(Principal principal)
    {
        var readable = Visibility.Filter<StoredObject>(principal);
        return Expression.Lambda<Func<StoredObject, bool>>(Expression.Not(readable.Body), readable.Parameters);
    }
}
