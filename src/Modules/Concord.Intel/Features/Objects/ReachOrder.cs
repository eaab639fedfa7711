using Concord.Access;
using Concord.Intel.Data;

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

    public static IQueryable<StoredObject> Page(IQueryable<StoredObject> rows, Principal principal, bool newestFirst, int take)
    {
        IQueryable<long>? reached = null;
        foreach (var reason in Visibility.Branches<StoredObject>(principal))
        {
            var branch = rows.Where(reason.Rule);
            var ordered = reason.Kind is ReadReasonKind.Own or ReadReasonKind.Audience
                ? (newestFirst ? branch.OrderBy(o => -o.Seq) : branch.OrderByDescending(o => -o.Seq))
                : (newestFirst ? branch.OrderByDescending(o => o.Seq) : branch.OrderBy(o => o.Seq));
            var part = ordered.Select(o => o.Seq).Take(take);
            reached = reached is null ? part : reached.Concat(part);
        }

        var page = rows.Where(o => reached!.Contains(o.Seq));
        return (newestFirst ? page.OrderByDescending(o => o.Seq) : page.OrderBy(o => o.Seq)).Take(take);
    }
}
