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
/// The shared reasons walk partial indexes on <c>seq</c>. The owner's (its records not shared with the alliance) and an
/// audience's walk (owner_org_id, -seq) and (audience_id, -seq), ordered by <c>-seq</c>: with an index on
/// (owner_org_id, seq), PostgreSQL, which drops an equality-bound column from the order and assumes the owner's rows
/// spread evenly, walked the whole primary key backwards past half a million other rows (0.6 s; the expression index:
/// 0.6 ms). No other index yields <c>-seq</c>.
/// </remarks>
internal static class ReachOrder
{
    /// <summary>The expression indexes (SQL both stores run; EF's model cannot declare them).</summary>
    public const string CreateIndexes = """
        CREATE INDEX ix_stix_objects_owner_reach ON stix_objects (owner_org_id, (-seq));
        CREATE INDEX ix_stix_objects_audience_reach ON stix_objects (audience_id, (-seq)) WHERE audience_id IS NOT NULL;
        """;

    /// <summary>
    /// The owner's walk covers only its records the alliance's walk does not (<see cref="Visibility.Branches{T}"/>): its
    /// index holds only those, under the same filter (migration PrivateOwnerReach; the first form held every row).
    /// </summary>
    public static string CreatePrivateOwnerIndex => $"""
        DROP INDEX IF EXISTS ix_stix_objects_owner_reach;
        CREATE INDEX ix_stix_objects_owner_reach ON stix_objects (owner_org_id, (-seq)) WHERE scope < {(int)Scope.Alliance} OR tlp > {(int)Stix.Tlp.Green};
        """;

    public const string DropIndexes = """
        DROP INDEX IF EXISTS ix_stix_objects_owner_reach;
        DROP INDEX IF EXISTS ix_stix_objects_audience_reach;
        """;

    /// <param name="after">The cursor: only rows strictly past it in page order.</param>
    /// <param name="frontiers">
    /// Per reason (in <see cref="Visibility.Branches{T}"/> order), how far it may walk (<see cref="FrontiersAsync"/>): a
    /// reason with no row past the cursor is left out, and every other walks to its frontier; with
    /// <paramref name="walkOn"/>, past it (but a reason whose frontier is its last row still stops there).
    /// </param>
    public static IQueryable<StoredObject> Page(
        IQueryable<StoredObject> rows, Principal principal, bool newestFirst, int take, long? after = null, IReadOnlyList<Frontier>? frontiers = null, bool walkOn = false)
    {
        IQueryable<long>? reached = null;
        var reasons = Visibility.Branches<StoredObject>(principal);
        for (var i = 0; i < reasons.Count; i++)
        {
            long? until = null;
            if (frontiers?[i] is { } frontier)
            {
                if (frontier.Seq is null)
                {
                    continue;
                }

                until = walkOn && !frontier.IsLast ? null : frontier.Seq;
            }

            var part = Walk(rows.Where(reasons[i].Rule), reasons[i].Kind, newestFirst, after, until).Select(o => o.Seq).Take(take);
            reached = reached is null ? part : reached.Concat(part);
        }

        if (reached is null)
        {
            return rows.Where(o => false);
        }

        var page = rows.Where(o => reached.Contains(o.Seq));
        return (newestFirst ? page.OrderByDescending(o => o.Seq) : page.OrderBy(o => o.Seq)).Take(take);
    }

    /// <summary>
    /// For each reason (in <see cref="Visibility.Branches{T}"/> order), its <paramref name="window"/>-th row past the
    /// cursor in page order; when it has fewer, its last row (<see cref="Frontier.IsLast"/>), or none when it has no
    /// row past the cursor. A walk bounded by them examines at most that many rows per reason, whatever it looks for,
    /// and every bound is a range the database reads from the reason's index (a reason's walk left unbounded, the
    /// planner may prefer reading a text index's every match). Read from the reasons' indexes alone (one query).
    /// </summary>
    public static async Task<Frontier[]> FrontiersAsync(
        IQueryable<StoredObject> table, Principal principal, bool newestFirst, long? after, int window, CancellationToken cancellationToken)
    {
        var reasons = Visibility.Branches<StoredObject>(principal);
        long tags = reasons.Count * 2;
        IQueryable<long>? found = null;
        for (var i = 0; i < reasons.Count; i++)
        {
            long windowTag = i * 2, lastTag = (i * 2) + 1;
            var branch = table.Where(reasons[i].Rule);
            var windowRow = Walk(branch, reasons[i].Kind, newestFirst, after, null).Skip(window - 1).Take(1).Select(o => (o.Seq * tags) + windowTag);
            var lastRow = Walk(branch, reasons[i].Kind, newestFirst, after, null, reverse: true).Take(1).Select(o => (o.Seq * tags) + lastTag);
            found = found is null ? windowRow.Concat(lastRow) : found.Concat(windowRow).Concat(lastRow);
        }

        var (windowRows, lastRows) = (new long?[reasons.Count], new long?[reasons.Count]);
        foreach (var tagged in await found!.ToListAsync(cancellationToken))
        {
            var tag = (int)(tagged % tags);
            (tag % 2 == 0 ? windowRows : lastRows)[tag / 2] = tagged / tags;
        }

        return [.. windowRows.Select((w, i) => w is { } seq ? new Frontier(seq, IsLast: false) : new Frontier(lastRows[i], IsLast: true))];
    }

    /// <summary>True when no reason's rows beyond its frontier can come before <paramref name="seq"/> in page order.</summary>
    public static bool Covers(IReadOnlyList<Frontier> frontiers, long seq, bool newestFirst) =>
        frontiers.All(f => f.IsLast || f.Seq is not { } frontier || (newestFirst ? frontier <= seq : frontier >= seq));

    /// <summary>True when every reason's frontier is its last row: a walk to the frontiers saw every row.</summary>
    public static bool Complete(IReadOnlyList<Frontier> frontiers) => frontiers.All(f => f.IsLast);

    /// <summary>
    /// One reason's rows in page order, past <paramref name="after"/> and up to <paramref name="until"/>, with the bounds
    /// in the form its index takes as a range: <c>-seq</c> for the owner's and an audience's (a bound on <c>seq</c>
    /// there is a filter, and the walk would read every newer row of the owner to reach a deep cursor).
    /// </summary>
    /// <param name="reverse">The rows in the opposite order, within the same bounds.</param>
    private static IQueryable<StoredObject> Walk(IQueryable<StoredObject> branch, ReadReasonKind kind, bool newestFirst, long? after, long? until, bool reverse = false)
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

        var descending = newestFirst != reverse;
        return negated
            ? (descending ? branch.OrderBy(o => -o.Seq) : branch.OrderByDescending(o => -o.Seq))
            : (descending ? branch.OrderByDescending(o => o.Seq) : branch.OrderBy(o => o.Seq));
    }
}

/// <summary>How far a reason's walk goes (<see cref="ReachOrder.FrontiersAsync"/>).</summary>
/// <param name="Seq">The row it may walk to; null when the reason has no row past the cursor.</param>
/// <param name="IsLast">The row is the reason's last past the cursor: walking to it sees all of them.</param>
internal readonly record struct Frontier(long? Seq, bool IsLast);
