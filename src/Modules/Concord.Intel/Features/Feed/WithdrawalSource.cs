using System.Collections.Concurrent;
using System.Linq.Expressions;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Objects;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Feed;

/// <summary>
/// Withdrawals read from the store's own rows: a tombstone the reader may read is a deleted version it could read; a
/// version it may not read, stored as its copy's newest while an earlier version was readable, retracts that copy up to
/// the newest earlier version it could read. Both decisions are the visibility door's, so a record the reader never
/// could read is never named, and the version named is one it could read, never the hidden one's. Positions are times
/// of changes the reader can see (<c>date_added</c>, a tombstone's deletion), never the store's own count of writes.
/// </summary>
internal sealed class WithdrawalSource(IntelDbContext db, WithdrawalMarks marks) : IWithdrawals
{
    public async Task<long> PositionAsync(Principal reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var key = RuleKey(reader);
        var mark = marks.Get(key);
        var head = await HeadAsync(cancellationToken);
        if (mark.Scanned >= head)
        {
            return mark.Position;
        }

        var (from, to) = (mark.Scanned, head);
        var stored = await Visible(reader).Where(o => o.Seq > from && o.Seq <= to)
            .OrderByDescending(o => o.Seq).Select(o => (long?)o.DateAddedUs).FirstOrDefaultAsync(cancellationToken);
        var deleted = await db.Tombstones.AsNoTracking().Apply(reader).Where(t => t.Seq > from && t.Seq <= to)
            .OrderByDescending(t => t.Seq).Select(t => (long?)t.DeletedAtUs).FirstOrDefaultAsync(cancellationToken);
        var narrowed = await Retractions(reader, from).Where(r => r.Seq <= to)
            .OrderByDescending(r => r.Seq).Select(r => (long?)r.At).FirstOrDefaultAsync(cancellationToken);
        var position = Math.Max(mark.Position, Math.Max(stored ?? 0, Math.Max(deleted ?? 0, narrowed ?? 0)));
        marks.Set(key, new WithdrawalMarks.Mark(to, position));
        return position;
    }

    public async Task<WithdrawalPage> ReadAsync(Principal reader, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        limit = Math.Clamp(limit, 1, 1000);

        // Up to the reader's position now: what happens while this is read is read next time.
        var position = await PositionAsync(reader, cancellationToken);
        if (position <= after)
        {
            return new WithdrawalPage([], after, false);
        }

        var items = await ItemsAsync(reader, after, position, limit + 1, cancellationToken);
        if (items.Count <= limit)
        {
            return new WithdrawalPage(items, position, false);
        }

        // Positions are times: a page ends after every withdrawal of its last instant (one import's rows share theirs).
        var last = items[limit - 1].At;
        items.RemoveRange(limit, items.Count - limit);
        if (items[0].At == last)
        {
            items = await ItemsAsync(reader, after, last, int.MaxValue, cancellationToken);
        }
        else
        {
            items.RemoveAll(i => i.At == last);
            last = items[^1].At;
        }

        return new WithdrawalPage(items, last, true);
    }

    /// <summary>The first <paramref name="take"/> withdrawals in (<paramref name="after"/>, <paramref name="until"/>], in order.</summary>
    private async Task<List<Withdrawal>> ItemsAsync(Principal reader, long after, long until, int take, CancellationToken cancellationToken)
    {
        var deleted = await db.Tombstones.AsNoTracking().Apply(reader)
            .Where(t => t.DeletedAtUs > after && t.DeletedAtUs <= until)
            .OrderBy(t => t.Seq).Take(take)
            .Select(t => new Withdrawal(t.DeletedAtUs, t.StixId, t.OwnerOrgId, WithdrawalKind.Deleted, t.VersionUs))
            .ToListAsync(cancellationToken);

        var retracted = new List<Withdrawal>();
        if (await Sequences.FirstAddedAfterAsync(db, after, cancellationToken) is { } first)
        {
            retracted = await Retractions(reader, first - 1).Where(r => r.At <= until)
                .OrderBy(r => r.Seq).Take(take)
                .Select(r => new Withdrawal(r.At, r.StixId, r.OwnerOrgId, WithdrawalKind.Retracted, r.Through))
                .ToListAsync(cancellationToken);
        }

        return [.. deleted.Concat(retracted).OrderBy(w => w.At).ThenBy(w => w.Kind).Take(take)];
    }

    /// <summary>
    /// Versions after <paramref name="afterSeq"/> hidden from the reader that were their copy's newest when stored (no
    /// readable version of the copy is newer and came before), with a readable version before them: the reader holds
    /// that one and must let it go, with every earlier one.
    /// </summary>
    [InternalProjection("reads versions hidden from the reader only to name copies it could read: the version named (Through) is one of the reader's visible rows, and of the hidden row only when it was stored reaches the reader, as the time of the retraction itself")]
    private IQueryable<Retraction> Retractions(Principal reader, long afterSeq)
    {
        var visible = Visible(reader);
        return db.Objects.AsNoTracking().Where(Hidden(reader))
            .Where(h => h.Seq > afterSeq)
            .Select(h => new
            {
                h.Seq,
                h.DateAddedUs,
                h.StixId,
                h.OwnerOrgId,
                Through = visible.Where(v => v.StixId == h.StixId && v.OwnerOrgId == h.OwnerOrgId && v.VersionUs < h.VersionUs).Max(v => (long?)v.VersionUs),
                Newer = visible.Any(v => v.StixId == h.StixId && v.OwnerOrgId == h.OwnerOrgId && v.VersionUs > h.VersionUs && v.Seq < h.Seq),
            })
            .Where(x => x.Through != null && !x.Newer)
            .Select(x => new Retraction { Seq = x.Seq, At = x.DateAddedUs, StixId = x.StixId, OwnerOrgId = x.OwnerOrgId, Through = x.Through!.Value });
    }

    private IQueryable<StoredObject> Visible(Principal reader) => db.Objects.AsNoTracking().Apply(reader);

    /// <summary>The rows the principal may not read: the door's own rule, negated.</summary>
    private static Expression<Func<StoredObject, bool>> Hidden(Principal reader)
    {
        var readable = Visibility.Filter<StoredObject>(reader);
        return Expression.Lambda<Func<StoredObject, bool>>(Expression.Not(readable.Body), readable.Parameters);
    }

    /// <summary>The store's last sequence number: internal, never answered (it counts every write, hidden ones too).</summary>
    [InternalProjection("the store's last sequence number, to know where a reader's last look stopped; never answered")]
    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        var objects = await db.Objects.MaxAsync(o => (long?)o.Seq, cancellationToken) ?? 0;
        var tombstones = await db.Tombstones.MaxAsync(t => (long?)t.Seq, cancellationToken) ?? 0;
        return Math.Max(objects, tombstones);
    }

    private static string RuleKey(Principal reader) =>
        $"{Visibility.RuleKind(reader)}|{Visibility.RuleOrganisation(reader)}|{string.Join(',', reader.AudienceIds.Order())}";

    /// <summary>Set by member initialisation, which the database can filter and order on (a constructor's result it cannot).</summary>
    private sealed class Retraction
    {
        public long Seq { get; init; }

        public long At { get; init; }

        public required string StixId { get; init; }

        public Guid OwnerOrgId { get; init; }

        public long Through { get; init; }
    }
}

/// <summary>
/// Per read rule (kind, organisation, audiences): how far this node's store was looked through, and the reader's position
/// there. Rows are never changed in place (a new version, a deletion are new rows), so what a rule sees up to a sequence
/// number never changes: the next look starts after it, and a reader behind a million hidden rows pays for them once per
/// process, not on every poll. One per node (a singleton), never shared between stores.
/// </summary>
internal sealed class WithdrawalMarks
{
    /// <summary>Rules whose marks are kept before they are all dropped (each is one small record; dropping costs one rescan).</summary>
    private const int MaxMarks = 10_000;

    private readonly ConcurrentDictionary<string, Mark> _marks = new();

    public Mark Get(string rule) => _marks.GetValueOrDefault(rule) ?? new Mark(0, 0);

    public void Set(string rule, Mark mark)
    {
        if (_marks.Count > MaxMarks)
        {
            _marks.Clear();
        }

        _marks.AddOrUpdate(rule, mark, (_, old) => old.Scanned >= mark.Scanned ? old : mark);
    }

    public sealed record Mark(long Scanned, long Position);
}
