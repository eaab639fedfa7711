using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Intel.Features.Search;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel.Search;

/// <summary>
/// Search at scale and the text index: a common word pages exactly the reader's matches, hidden matches do not move the
/// planner's estimate, deletion leaves the index. (That hidden objects neither show nor move a search is the leak
/// harness's: LeakHarness/Paths/StoreQueries.)
/// </summary>
public class SearchScaleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A word on thousands of rows: PostgreSQL's statistics call it common, so the page walks the reader's reasons in
    /// order instead of reading every match from the GIN index first. Pages still hold exactly the reader's matches,
    /// newest first, each once, none hidden — past another organisation's thousands of hidden matches.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_CommonWord_PagesExactlyTheReadersMatchesNewestFirst(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        const int Each = 3000;
        JsonObject[] Batch(string name, Tlp tlp) => [.. Enumerable.Range(0, Each).Select(i => Bundles.Indicator(name: $"{name} {i}", description: "quokka", tlp: tlp))];
        var own = Batch("Own quokka", Tlp.Green);
        var alliance = Batch("Alliance quokka", Tlp.Green);
        await h.ImportAsync(reader, Bundles.Bundle([.. own[..(Each / 2)]]));
        await h.ImportAsync(owner, Bundles.Bundle([.. Batch("Hidden quokka", Tlp.Amber)]), new ImportOptions { Scope = Scope.Owner });
        await h.ImportAsync(owner, Bundles.Bundle([.. alliance]));
        await h.ImportAsync(reader, Bundles.Bundle([.. own[(Each / 2)..]]));
        if (store == Store.Postgres)
        {
            await h.Db.Database.ExecuteSqlRawAsync("ANALYZE stix_objects", Ct);
            await h.Db.Database.OpenConnectionAsync(Ct);
            await using var explain = h.Db.Database.GetDbConnection().CreateCommand();
            explain.CommandText = $"EXPLAIN SELECT 1 FROM stix_objects WHERE search_doc @@ '''{SearchReach.Community}{TsVector.KeySeparator}quokka'''::tsquery";
            var plan = (string)(await explain.ExecuteScalarAsync(Ct))!;
            await h.Db.Database.CloseConnectionAsync();
            var rows = int.Parse(System.Text.RegularExpressions.Regex.Match(plan, @"rows=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(rows > TextSearch.FewMatches, $"the planner should see the word as common: {plan}");
        }

        var seen = new List<StoredStixObject>();
        var query = new ObjectQuery { Text = "quokka", NewestFirst = true, Limit = 500 };
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await h.Store.QueryAsync(reader, query, Ct);
            seen.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                break;
            }

            query = query with { After = next };
        }

        var expected = alliance.Concat(own).Select(SearchData.IdOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, seen.Select(o => o.Id).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(SearchData.IdOf(own[^1]), seen[0].Id);
        Assert.Equal(seen.Select(o => o.DateAdded).OrderDescending().ToList(), seen.Select(o => o.DateAdded).ToList());
    }

    /// <summary>
    /// PostgreSQL decides how to read a match from the planner's estimate of its rows. Another organisation's hidden rows
    /// must not move it (their word would then change every reader's path, and its time): the lexemes a reader's query
    /// names are qualified by who may read their rows, so thousands of hidden matches leave a rare word rare.
    /// </summary>
    [Fact]
    public async Task Search_HiddenMatches_DoNotMoveThePlannersEstimate()
    {
        await using var h = await IntelHarness.StartAsync(Store.Postgres);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(owner, Bundles.Bundle([.. Enumerable.Range(0, 6000).Select(i => Bundles.Indicator(name: $"Hidden wombat {i}", tlp: Tlp.Amber))]), new ImportOptions { Scope = Scope.Owner });
        var shared = Bundles.Indicator(name: "Shared wombat", tlp: Tlp.Green);
        await h.ImportAsync(owner, Bundles.Bundle(shared));
        await h.Db.Database.ExecuteSqlRawAsync("ANALYZE stix_objects", Ct);

        async Task<double> EstimateAsync(Principal principal)
        {
            var match = SearchTerms.From("wombat", null)!.Within(SearchReach.For(principal)).Any(StorageProvider.Postgres)!;
            await h.Db.Database.OpenConnectionAsync(Ct);
            try
            {
                await using var explain = h.Db.Database.GetDbConnection().CreateCommand();
                explain.CommandText = "EXPLAIN (FORMAT JSON) SELECT 1 FROM stix_objects WHERE search_doc @@ $1::tsquery";
                explain.Parameters.Add(new Npgsql.NpgsqlParameter { Value = match });
                using var json = System.Text.Json.JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(Ct))!);
                return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
            }
            finally
            {
                await h.Db.Database.CloseConnectionAsync();
            }
        }

        Assert.True(await EstimateAsync(reader) <= TextSearch.FewMatches, "a word on one row the reader may read should look rare to it");
        Assert.True(await EstimateAsync(owner) > TextSearch.FewMatches, "the owner's 6,001 matches should look common to it");
        Assert.Equal([SearchData.IdOf(shared)], (await SearchData.SearchAsync(h, reader, "wombat")).Select(o => o.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_Object_LeavesTheTextIndex(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var doomed = Bundles.Indicator(name: "Quasar beacon", labels: ["quasar"], tlp: Tlp.Green);
        var kept = Bundles.Indicator(name: "Quasar relay", tlp: Tlp.Green);
        await h.ImportAsync(owner, Bundles.Bundle(doomed, kept));

        Assert.True((await h.Store.DeleteAsync(owner, SearchData.IdOf(doomed), Ct)).IsSuccess);

        Assert.Equal([SearchData.IdOf(kept)], (await SearchData.SearchAsync(h, owner, "quasar")).Select(o => o.Id));
        Assert.Empty((await h.Store.QueryAsync(owner, new ObjectQuery { Label = "quasar" }, Ct)).Items);
        Assert.Equal(1, await IndexedAsync(h, store, "quasar"));
    }

    /// <summary>Entries of the index itself that hold the title word, visible or not (SQLite: those shared with the alliance).</summary>
    private static async Task<int> IndexedAsync(IntelHarness h, Store store, string word) => store == Store.Postgres
        ? await h.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM stix_objects WHERE EXISTS (SELECT 1 FROM unnest(tsvector_to_array(search_doc)) l WHERE l LIKE {"%" + TsVector.KeySeparator + TsVector.TitlePrefix + word})").SingleAsync(Ct)
        : await h.Db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM stix_search WHERE stix_search MATCH {"{title} : " + SearchReach.Community + TsVector.KeySeparator + word}").SingleAsync(Ct);
}
