using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel.Search;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.List;

/// <summary>The intel list's numbered pages: each order holds across pages, and relevance orders as the cursor search does.</summary>
public class NumberedPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NumberedPages_SortByScoreNameTlpAndModified_EachOrderHoldsAcrossPages(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var bravo = ListData.Scored("Bravo", confidence: 90, modified: "2026-10-30T00:00:00.000Z");
        var alpha = ListData.Scored("alpha", confidence: 40, modified: "2026-10-31T00:00:00.000Z");
        var charlie = ListData.Scored("Charlie", confidence: 70, modified: "2026-10-29T00:00:00.000Z", validUntil: "2026-10-31T12:00:00Z");
        var delta = SearchData.Malware("Delta", "a family", [], "S9001", Tlp.Amber);
        var uses = ListData.Relationship(delta, "indicates", bravo);
        await h.ImportAsync(reader, Bundles.Bundle(bravo, alpha, charlie, delta, uses));

        Assert.Equal(["Bravo", "alpha", "Charlie", null, "Delta"], await NamesAsync(h, reader, ObjectSort.Score, descending: true));
        Assert.Equal(["Charlie", "alpha", "Bravo", null, "Delta"], await NamesAsync(h, reader, ObjectSort.Score, descending: false));
        Assert.Equal(["alpha", "Bravo", "Charlie", "Delta", null], await NamesAsync(h, reader, ObjectSort.Name, descending: false));
        Assert.Equal(["Delta", "Charlie", "Bravo", "alpha", null], await NamesAsync(h, reader, ObjectSort.Name, descending: true));
        Assert.Equal("Delta", (await NamesAsync(h, reader, ObjectSort.Tlp, descending: true))[0]);
        Assert.Equal(["alpha", "Bravo", "Charlie"], (await NamesAsync(h, reader, ObjectSort.Modified, descending: true)).Where(n => n is not null && n != "Delta"));
        Assert.Equal([null, "Delta", "Charlie", "alpha", "Bravo"], await NamesAsync(h, reader, ObjectSort.Added, descending: true));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NumberedPages_T1566_PutPhishingFirstInTheSameOrderAsTheCursorSearchAndCountEveryMatch(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(reader, SearchData.AttackPhishing());

        var cursorOrder = (await SearchData.SearchAsync(h, reader, "T1566", limit: 7)).Select(o => o.Id).ToList();
        var numbered = await ListData.AllPagesAsync(h, reader, new ObjectQuery { Text = "T1566", Limit = 7 });
        var count = await h.Store.CountAsync(reader, new ObjectQuery { Text = "T1566" }, 10_000, Ct);

        Assert.Equal("Phishing", ListData.Name(numbered[0]));
        Assert.Equal(cursorOrder, numbered.Select(o => o.Id));
        Assert.Equal(new ObjectCount(cursorOrder.Count, More: false), count);
        Assert.True(cursorOrder.Count > 10);
    }

    private static async Task<List<string?>> NamesAsync(IntelHarness h, Principal reader, ObjectSort sort, bool descending) =>
        (await ListData.AllPagesAsync(h, reader, new ObjectQuery { Sort = sort, Descending = descending, Limit = 2 })).Select(ListData.Name).ToList();
}

/// <summary>Objects and page walks for the numbered-page tests.</summary>
internal static class ListData
{
    /// <summary>An indicator young enough on the test clock (2026-11-01) to score its confidence's worth.</summary>
    public static JsonObject Scored(string name, int confidence, string modified = "2026-10-31T00:00:00.000Z", string? validUntil = null, Tlp tlp = Tlp.Green)
    {
        var o = Bundles.Indicator(name: name, modified: modified, tlp: tlp);
        o["created"] = modified;
        o["valid_from"] = modified;
        o["confidence"] = confidence;
        if (validUntil is not null)
        {
            o["valid_until"] = validUntil;
        }

        return o;
    }

    public static JsonObject Relationship(JsonObject source, string type, JsonObject target, Tlp tlp = Tlp.Green) => new()
    {
        ["type"] = "relationship", ["spec_version"] = "2.1", ["id"] = Bundles.NewId("relationship"),
        ["created"] = "2026-10-31T00:00:00.000Z", ["modified"] = "2026-10-31T00:00:00.000Z",
        ["relationship_type"] = type, ["source_ref"] = (string)source["id"]!, ["target_ref"] = (string)target["id"]!,
        ["object_marking_refs"] = new JsonArray(Stix.Markings.TlpMarkings.IdOf(tlp)),
    };

    public static string? Name(StoredStixObject o) =>
        JsonDocument.Parse(o.Json).RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;

    /// <summary>Every numbered page of the query, checking that each page's Next is the offset of the one after.</summary>
    public static async Task<List<StoredStixObject>> AllPagesAsync(IntelHarness h, Principal reader, ObjectQuery query)
    {
        var found = new List<StoredStixObject>();
        for (var offset = 0; ; offset += query.Limit)
        {
            var page = await h.Store.QueryAsync(reader, query with { Offset = offset }, TestContext.Current.CancellationToken);
            found.AddRange(page.Items);
            if (page.Next is null)
            {
                return found;
            }

            Assert.Equal(offset + query.Limit, page.Next);
        }
    }
}
