using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// A page of visible rows in sequence order, read reason by reason (<see cref="Visibility.Branches{T}"/>): each reason
/// walks its own index and yields at most a page; the page is the first of their union. So a page costs what the
/// reader may read, not how many newer rows it may not (walking the table in order and skipping hidden rows cost
/// seconds at a million). Every row still passes the whole rule: <paramref name="rows"/> starts from the visibility door.
/// </summary>
/// <remarks>
/// The shared reasons walk partial indexes on <c>seq</c>. The owner's and an audience's walk (owner_org_id, -seq) and
/// (audience_id, -seq), ordered by <c>-seq</c>: with an index on (owner_org_id, seq), PostgreSQL, which drops an
/// equality-bound column from the order and assumes the owner's rows spread evenly, walked the whole primary key
/// backwards past half a million other rows (0.6 s; the expression index: 0.6 ms). No other index yields <c>-seq</c>.
/// </remarks>
internal static class ReachOrder
{
    /// <summary>The expression indexes (SQL both stores run; EF's model cannot declare them).</summary>
    public const string CreateIndexes = """
        CREATE INDEX ix_stix_objects_owner_reach ON stix_objects (owner_org_id, (-seq));
        CREATE INDEX ix_stix_objects_audience_reach ON stix_objects (audience_id, (-seq)) WHERE audience_id IS NOT NULL;
        """;

    public const string DropIndexes = """
        DROP INDEX IF EXISTS ix_stix_objects_owner_reach;
        DROP INDEX IF EXISTS ix_stix_objects_audience_reach;
        """;

    /// <param name="after">The cursor: only rows strictly past it in page order.</param>
    /// <param name="until">Per reason (in <see cref="Visibility.Branches{T}"/> order), the last row it may walk to (<see cref="FrontiersAsync"/>), or null.</param>
    public static IQueryable<StoredObject> Page(
        IQueryable<StoredObject> rows, Principal principal, bool newestFirst, int take, long? after = null, IReadOnlyList<long?>? until = null)
    {
        IQueryable<long>? reached = null;
        var reasons = Visibility.Branches<StoredObject>(principal);
        for (var i = 0; i < reasons.Count; i++)
        {
            var part = Walk(rows.Where(reasons[i].Rule), reasons[i].Kind, newestFirst, after, until?[i]).Select(o => o.Seq).Take(take);
            reached = reached is null ? part : reached.Concat(part);
        }

        var page = rows.Where(o => reached!.Contains(o.Seq));
        return (newestFirst ? page.OrderByDescending(o => o.Seq) : page.OrderBy(o => o.Seq)).Take(take);
    }

    /// <summary>
    /// For each reason (in <see cref="Visibility.Branches{T}"/> order), its <paramref name="window"/>-th row past the
    /// cursor in page order, or null when it has fewer: a walk bounded by it examines at most that many rows, whatever
    /// it looks for. Read from the reasons' indexes alone (one query), not from the rows.
    /// </summary>
    public static async Task<long?[]> FrontiersAsync(
        IQueryable<StoredObject> table, Principal principal, bool newestFirst, long? after, int window, CancellationToken cancellationToken)
    {
        var reasons = Visibility.Branches<StoredObject>(principal);
        long count = reasons.Count;
        IQueryable<long>? frontiers = null;
        for (var i = 0; i < reasons.Count; i++)
        {
            long reason = i;
            var part = Walk(table.Where(reasons[i].Rule), reasons[i].Kind, newestFirst, after, null)
                .Skip(window - 1).Take(1).Select(o => (o.Seq * count) + reason);
            frontiers = frontiers is null ? part : frontiers.Concat(part);
        }

        var result = new long?[reasons.Count];
        foreach (var tagged in await frontiers!.ToListAsync(cancellationToken))
        {
            result[tagged % count] = tagged / count;
        }

        return result;
    }

    /// <summary>True when no reason's rows beyond its frontier can come before <paramref name="seq"/> in page order (or it has no frontier).</summary>
    public static bool Covers(IReadOnlyList<long?> frontiers, long seq, bool newestFirst) =>
        frontiers.All(f => f is not { } frontier || (newestFirst ? frontier <= seq : frontier >= seq));

    /// <summary>
    /// One reason's rows in page order, past <paramref name="after"/> and up to <paramref name="until"/>, with the bounds
    /// in the form its index takes as a range: <c>-seq</c> for the owner's and an audience's (a bound on <c>seq</c>
    /// there is a filter, and the walk would read every newer row of the owner to reach a deep cursor).
    /// </summary>
    private static IQueryable<StoredObject> Walk(IQueryable<StoredObject> branch, ReadReasonKind kind, bool newestFirst, long? after, long? until)
    {
        var negated = kind is ReadReasonKind.Own or ReadReasonKind.Audience;
        if (after is { } a)
        {
            branch = (newestFirst, negated) switch
            {
                (true, true) => branch.Where(o => -o.Seq > -a),
                (true, false) => branch.Where(o => o.Seq < a),
                (false, true) => branch.Where(o => -o.Seq < -a),
                (false, false) => branch.Where(o => o.Seq > a),
            };
        }

        if (until is { } u)
        {
            branch = (newestFirst, negated) switch
            {
                (true, true) => branch.Where(o => -o.Seq <= -u),
                (true, false) => branch.Where(o => o.Seq >= u),
                (false, true) => branch.Where(o => -o.Seq >= -u),
                (false, false) => branch.Where(o => o.Seq <= u),
            };
        }

        return negated
            ? (newestFirst ? branch.OrderBy(o => -o.Seq) : branch.OrderByDescending(o => -o.Seq))
            : (newestFirst ? branch.OrderByDescending(o => o.Seq) : branch.OrderBy(o => o.Seq));
    }
}
