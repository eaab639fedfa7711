using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Pages of a text or label search over rows already narrowed by visibility and the other filters. Every match
/// comes from the text index, walked in sequence order, so a page costs about what it returns, not the store's size.
/// In relevance order a page walks the tiers best first (<see cref="SearchTerms"/>), newest first within a tier; the
/// cursor is then <c>tier &lt;&lt; 48 | seq</c>, so it stays one number like the sequence cursor.
/// </summary>
internal sealed class TextSearch(IntelDbContext db, StorageProvider provider, Access.Principal principal)
{
    /// <summary>Who the reader is to the index (<see cref="SearchReach.For"/>): its queries name only words these keys qualify.</summary>
    private readonly List<string> _tokens = SearchReach.For(principal);

    private readonly Access.Principal _principal = principal;

    public const int TierShift = 48;

    /// <summary>
    /// PostgreSQL: a match the planner expects on at most this many rows is read from the GIN index first (and checked:
    /// at most this many) and its rows fetched by key; a larger one is walked reason by reason, which soon meets enough
    /// matches. (Left to itself the planner walks for a rare word too, and walking the whole table to find one row is
    /// the slow search this index replaces.)
    /// </summary>
    public const int FewMatches = 5000;

    /// <summary>PostgreSQL, many matches: the rows each reason walks before the page must be vouched for (see <see cref="OrderedAsync"/>).</summary>
    public const int Window = 1000;

    private const long SeqMask = (1L << TierShift) - 1;

    /// <param name="rowsOf">The reader's filtered rows of a source: the table, or the rows a text index matched.</param>
    public async Task<(List<StoredObject> Rows, long? Next)> PageAsync(
        Func<IQueryable<StoredObject>, IQueryable<StoredObject>> rowsOf, SearchTerms terms, ObjectQuery query, int limit, CancellationToken cancellationToken)
    {
        terms = Reader(terms);
        if (!query.Relevance || !terms.HasText)
        {
            var page = terms.Any(provider) is { } match
                ? await OrderedAsync(rowsOf, match, query.After, query.NewestFirst, limit + 1, cancellationToken)
                : [];
            return (page.Take(limit).ToList(), page.Count > limit ? page[limit - 1].Seq : null);
        }

        var (tier, below) = query.After is { } after ? ((int)(after >> TierShift), after & SeqMask) : (3, (long?)null);
        var found = new List<(int Tier, StoredObject Row)>();
        for (; tier >= 1 && found.Count <= limit; tier--, below = null)
        {
            if (terms.Tier(tier, provider) is { } match)
            {
                var rowsOfTier = await OrderedAsync(rowsOf, match, below, newestFirst: true, limit + 1 - found.Count, cancellationToken);
                found.AddRange(rowsOfTier.Select(r => (tier, r)));
            }
        }

        var last = found.Count > limit ? found[limit - 1] : default;
        return (found.Take(limit).Select(f => f.Row).ToList(), found.Count > limit ? ((long)last.Tier << TierShift) | last.Row.Seq : null);
    }

    /// <summary>The rows matching the terms (any tier, and the label), in no order: for a count or a sorted numbered page.</summary>
    public IQueryable<StoredObject> Matching(IQueryable<StoredObject> rows, SearchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (Reader(terms).Any(provider) is not { } match)
        {
            return rows.Where(o => false);
        }

        var hits = Hits(match);
        return rows.Where(o => hits.Contains(o.Seq));
    }

    /// <summary>Best tier first, newest first within a tier: the order <see cref="PageAsync"/> walks, as one sort.</summary>
    public IQueryable<StoredObject> ByRelevance(IQueryable<StoredObject> rows, SearchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        terms = Reader(terms);
        IOrderedQueryable<StoredObject>? ordered = null;
        foreach (var tier in new[] { 3, 2 })
        {
            if (terms.Tier(tier, provider) is { } match)
            {
                var hits = Hits(match);
                ordered = ordered is null ? rows.OrderByDescending(o => hits.Contains(o.Seq)) : ordered.ThenByDescending(o => hits.Contains(o.Seq));
            }
        }

        return ordered is null ? rows.OrderByDescending(o => o.Seq) : ordered.ThenByDescending(o => o.Seq);
    }

    /// <summary>The terms as the reader's keys qualify them: they match only rows the reader might read.</summary>
    private SearchTerms Reader(SearchTerms terms) => terms.Within(_tokens);

    /// <summary>The sequence numbers of the versions matching, among those the reader might read (the reach tokens).</summary>
    private IQueryable<long> Hits(string match) => provider == StorageProvider.Postgres
        ? db.SearchHits.FromSql($"SELECT seq FROM stix_objects WHERE search_doc @@ {match}::tsquery").Select(h => h.Seq)
        : db.SearchHits.FromSql($"SELECT rowid AS seq FROM stix_search WHERE stix_search MATCH {match}").Select(h => h.Seq);

    /// <summary>PostgreSQL: the sequence numbers of the rows matching, past the bound, at most <paramref name="limit"/> (any of them).</summary>
    private IQueryable<long> Matches(string match, long bound, bool newestFirst, int limit)
    {
        var hits = newestFirst
            ? db.SearchHits.FromSql($"SELECT seq FROM stix_objects WHERE search_doc @@ {match}::tsquery AND seq < {bound} LIMIT {limit}")
            : db.SearchHits.FromSql($"SELECT seq FROM stix_objects WHERE search_doc @@ {match}::tsquery AND seq > {bound} LIMIT {limit}");
        return hits.Select(h => h.Seq);
    }

    /// <summary>
    /// PostgreSQL: how many rows past the bound the planner expects to match, from its statistics of the lexemes: those
    /// the reader's keys qualify, so rows nobody but their owner may read (another organisation's hidden import of a
    /// thousand rows with one word) neither count nor move the estimate.
    /// </summary>
    private async Task<double> EstimateAsync(string match, long bound, bool newestFirst, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"EXPLAIN (FORMAT JSON) SELECT 1 FROM stix_objects WHERE search_doc @@ $1::tsquery AND seq {(newestFirst ? "<" : ">")} $2";
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = match });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = bound });
            using var plan = System.Text.Json.JsonDocument.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
            return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Up to <paramref name="take"/> rows matching <paramref name="match"/> past the cursor, in sequence order.</summary>
    private async Task<List<StoredObject>> OrderedAsync(
        Func<IQueryable<StoredObject>, IQueryable<StoredObject>> rowsOf, string match, long? after, bool newestFirst, int take, CancellationToken cancellationToken)
    {
        var bound = after ?? (newestFirst ? long.MaxValue : 0);
        if (provider != StorageProvider.Postgres)
        {
            // The FTS5 table leads the join and yields its rowids in order: the walk stops after `take` visible rows.
            var hits = db.SearchHits.FromSql($"SELECT rowid AS seq FROM stix_search WHERE stix_search MATCH {match}");
            var joined = rowsOf(db.Objects).Join(hits, o => o.Seq, h => h.Seq, (o, h) => new { Row = o, Hit = h.Seq });
            joined = newestFirst ? joined.Where(x => x.Hit < bound).OrderByDescending(x => x.Hit) : joined.Where(x => x.Hit > bound).OrderBy(x => x.Hit);
            return await joined.Take(take).Select(x => x.Row).ToListAsync(cancellationToken);
        }

        // The planner's statistics of the reader's lexemes tell a common match from a rare one for the price of a plan:
        // a common one is met within a few rows of every walk, and reading all its matches from the GIN index first
        // (a bitmap of every match, however many) cost 20 ms at a million rows and most of the node's time under load.
        if (await EstimateAsync(match, bound, newestFirst, cancellationToken) <= FewMatches)
        {
            var few = await Matches(match, bound, newestFirst, FewMatches + 1).ToListAsync(cancellationToken);
            if (few.Count <= FewMatches)
            {
                var rows = rowsOf(db.Objects).Where(o => few.Contains(o.Seq));
                rows = newestFirst ? rows.OrderByDescending(o => o.Seq) : rows.OrderBy(o => o.Seq);
                return await rows.Take(take).ToListAsync(cancellationToken);
            }
        }

        // Many matches: each reason the reader may read a row walks its own index in order, checking the match row by
        // row; first at most Window rows of each. A match common in the store can be rare among some reason's rows (a
        // word of the indicators among ATT&CK's public ones): that reason then costs Window rows, not all of its rows.
        // Only when the windows cannot vouch for the page do the reasons walk on. The match is the function behind @@,
        // which no index serves: offered the GIN index, the planner read all of a common word's matches (250,000, 70 ms)
        // to intersect them with a window of 1,000 rows.
        var matched = rowsOf(db.Objects.FromSql($"SELECT * FROM stix_objects WHERE ts_match_vq(search_doc, {match}::tsquery)"));
        var frontiers = await Objects.ReachOrder.FrontiersAsync(db.Objects, _principal, newestFirst, after, Window, cancellationToken);
        var bounded = await Objects.ReachOrder.Page(matched, _principal, newestFirst, take, after, frontiers).ToListAsync(cancellationToken);
        return Objects.ReachOrder.Complete(frontiers) || (bounded.Count == take && Objects.ReachOrder.Covers(frontiers, bounded[^1].Seq, newestFirst))
            ? bounded
            : await Objects.ReachOrder.Page(matched, _principal, newestFirst, take, after, frontiers, walkOn: true).ToListAsync(cancellationToken);
    }
}
