using System.Linq.Expressions;
using Concord.Access;
using Concord.Intel.Data;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// A page of visible rows in sequence order, read reason by reason (<see cref="Visibility.Branches{T}"/>): each reason
/// walks its own index — the owner's and the audience's (ordered by owner or audience first, so no plan can prefer
/// walking the whole table), the partial indexes of alliance-wide and public rows — and yields at most a page; the page
/// is the first of their union. So a page costs what the reader may read, not how many newer rows it may not (walking
/// the table in order and skipping hidden rows cost seconds at a million). Every row still passes the whole rule:
/// <paramref name="rows"/> starts from the visibility door.
/// </summary>
internal static class ReachOrder
{
    public static IQueryable<StoredObject> Page(IQueryable<StoredObject> rows, Principal principal, bool newestFirst, int take)
    {
        IQueryable<long>? reached = null;
        foreach (var reason in Visibility.Branches<StoredObject>(principal))
        {
            var branch = rows.Where(reason.Rule);
            var part = (reason.Kind switch
            {
                ReadReasonKind.Own => InOrder(branch, o => o.OwnerOrgId, newestFirst),
                ReadReasonKind.Audience => InOrder(branch, o => o.AudienceId, newestFirst),
                _ => InOrder(branch, newestFirst),
            }).Select(o => o.Seq).Take(take);
            reached = reached is null ? part : reached.Concat(part);
        }

        return InOrder(rows.Where(o => reached!.Contains(o.Seq)), newestFirst).Take(take);
    }

    private static IOrderedQueryable<StoredObject> InOrder(IQueryable<StoredObject> rows, bool newestFirst) =>
        newestFirst ? rows.OrderByDescending(o => o.Seq) : rows.OrderBy(o => o.Seq);

    /// <summary>By the column the reason fixes, then the sequence: the order of that column's index.</summary>
    private static IOrderedQueryable<StoredObject> InOrder<TKey>(IQueryable<StoredObject> rows, Expression<Func<StoredObject, TKey>> fixedColumn, bool newestFirst) =>
        newestFirst
            ? rows.OrderByDescending(fixedColumn).ThenByDescending(o => o.Seq)
            : rows.OrderBy(fixedColumn).ThenBy(o => o.Seq);
}
