using System.Linq.Expressions;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Search;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// The intel list's numbered pages and their count: the same visible, filtered rows as a cursor page (identical copies
/// once), in any <see cref="ObjectSort"/> order. Offsets and counts are over those rows only, so neither says anything
/// about a row the reader may not read.
/// </summary>
internal sealed partial class IntelStore
{
    public async Task<ObjectCount> CountAsync(Principal principal, ObjectQuery query, int cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        var rows = Filtered(principal, query, cursor: false, db.Objects).Where(Copies.FirstOfIdentical(CopyPool(principal, query)));
        if (SearchTerms.From(query.Text, query.Label) is { } search)
        {
            rows = new TextSearch(db, sinks.Provider, principal).Matching(rows, search);
        }

        // The newest cap + 1 rows reason by reason (ReachOrder), so the count never walks rows the reader may not read.
        var found = await ReachOrder.Page(rows, principal, newestFirst: true, cap + 1).CountAsync(cancellationToken);
        return new ObjectCount(Math.Min(found, cap), found > cap);
    }

    /// <summary>Rows <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of <paramref name="filtered"/> in the query's order.</summary>
    /// <remarks>
    /// In the orders the cursor pages walk (added; relevance), a numbered page is read the same way, its first
    /// <paramref name="offset"/> + <paramref name="limit"/> rows reason by reason or tier by tier, so page 1 of a million
    /// costs what a cursor page costs. The other orders sort every matching row: fine for a member's own searches,
    /// costly for a common word over millions.
    /// </remarks>
    private async Task<(List<StoredObject> Rows, long? Next)> NumberedPageAsync(
        Principal principal, ObjectQuery query, Func<IQueryable<StoredObject>, IQueryable<StoredObject>> rowsOf, SearchTerms? search, int offset, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, ObjectQuery.MaxOffset);
        var filtered = rowsOf(db.Objects);
        var text = search is null ? null : new TextSearch(db, sinks.Provider, principal);
        var rows = text is null ? filtered : text.Matching(filtered, search!);
        var sort = query.Sort ?? (search is { HasText: true } ? ObjectSort.Relevance : ObjectSort.Added);
        var walked = (sort, text) switch
        {
            (ObjectSort.Added, null) => await ReachOrder.Page(filtered, principal, query.Descending, offset + limit + 1).ToListAsync(cancellationToken),
            (ObjectSort.Added, not null) => (await text.PageAsync(rowsOf, search!, query with { Relevance = false, NewestFirst = query.Descending, After = null }, offset + limit + 1, cancellationToken)).Rows,
            (ObjectSort.Relevance, not null) when search!.HasText => (await text.PageAsync(rowsOf, search, query with { Relevance = true, After = null }, offset + limit + 1, cancellationToken)).Rows,
            _ => null,
        };
        if (walked is not null)
        {
            var rest = walked.Skip(offset).ToList();
            return (rest.Take(limit).ToList(), rest.Count > limit ? offset + limit : null);
        }
        IQueryable<StoredObject> ordered = sort switch
        {
            ObjectSort.Added => query.Descending ? rows.OrderByDescending(o => o.Seq) : rows.OrderBy(o => o.Seq),
            ObjectSort.Modified => By(rows, o => o.VersionUs, query.Descending),
            ObjectSort.Tlp => By(rows, o => o.Tlp, query.Descending),
            ObjectSort.Name => ByName(rows, query.Descending),
            ObjectSort.Score => ByScore(rows, query.Descending),
            ObjectSort.Relevance => text is not null && search!.HasText ? text.ByRelevance(rows, search) : rows.OrderByDescending(o => o.Seq),
            _ => throw new ArgumentOutOfRangeException(nameof(query), sort, "Unknown sort."),
        };
        var page = await ordered.Skip(offset).Take(limit + 1).ToListAsync(cancellationToken);
        return (page.Take(limit).ToList(), page.Count > limit ? offset + limit : null);
    }

    private static IOrderedQueryable<StoredObject> By<TKey>(IQueryable<StoredObject> rows, Expression<Func<StoredObject, TKey>> key, bool descending) =>
        (descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenByDescending(o => o.Seq);

    /// <summary>
    /// Lower-cased names by code point, objects without a name (relationships, SCOs) last either way. PostgreSQL is told
    /// collation "C" so both stores (SQLite compares binary) order alike, whatever locale the server was set up with.
    /// </summary>
    private IOrderedQueryable<StoredObject> ByName(IQueryable<StoredObject> rows, bool descending)
    {
        var named = rows.OrderBy(o => o.Name == null);
        Expression<Func<StoredObject, string>> key = sinks.Provider == StorageProvider.Postgres
            ? o => EF.Functions.Collate(o.Name!.ToLower(), "C")
            : o => o.Name!.ToLower();
        return (descending ? named.ThenByDescending(key) : named.ThenBy(key)).ThenByDescending(o => o.Seq);
    }

    /// <summary>
    /// The current score computed by the database with <see cref="Scoring.DecayModel.Score"/>'s formula: zero from
    /// <c>until</c> on or once the age reaches the lifetime, else base·(1 − (age/τ)^(1/δ)). Rows without a score last.
    /// </summary>
    private IQueryable<StoredObject> ByScore(IQueryable<StoredObject> rows, bool descending)
    {
        var nowUs = StixTime.ToMicros(time.GetUtcNow());
        var lifetime = (double)model.LifetimeUs;
        var exponent = 1 / model.DecaySpeed;
        var scores = db.Scores;
        var scored = rows.Select(o => new
        {
            Row = o,
            Score = o.Type != "indicator" ? null : scores
                .Where(s => s.StixId == o.StixId && s.OwnerOrgId == o.OwnerOrgId)
                .Select(s => (double?)(nowUs >= s.UntilUs || nowUs - s.RefUs >= lifetime || s.Base <= 0
                    ? 0
                    : s.Base * (1 - Math.Pow(Math.Max(nowUs - s.RefUs, 0) / lifetime, exponent))))
                .Max(), // one row per (id, owner): an aggregate rather than an unordered LIMIT 1
        });
        var known = scored.OrderBy(x => x.Score == null);
        return (descending ? known.ThenByDescending(x => x.Score) : known.ThenBy(x => x.Score)).ThenByDescending(x => x.Row.Seq).Select(x => x.Row);
    }
}
