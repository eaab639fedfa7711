using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.List;

/// <summary>A count or a numbered page never includes, nor is moved by, what the reader may not read.</summary>
public class ListLeakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CountAndNumberedPages_HiddenObjects_NeitherCountNorMoveAnythingAndIdenticalCopiesCountOnce(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Enumerable.Range(0, 5).Select(i => ListData.Scored($"Shared relay {i}", confidence: 30 + i)).ToArray();
        var link = ListData.Relationship(shared[0], "related-to", shared[1]);
        await h.ImportAsync(owner, Bundles.Bundle([.. shared, link]));
        await h.ImportAsync(other, Bundles.Bundle(shared[2]));
        var before = await ViewAsync(h, reader);

        // Hidden rows that would come first in every order: named "A…", scored 100, newest, matching the text, TLP:RED.
        var hidden = Enumerable.Range(0, 4).Select(i => ListData.Scored($"A shared relay {i}", confidence: 100, tlp: Tlp.Red)).ToArray();
        await h.ImportAsync(owner, Bundles.Bundle([.. hidden, ListData.Relationship(hidden[0], "related-to", shared[0], Tlp.Red)]));
        var after = await ViewAsync(h, reader);
        var ownerCount = await h.Store.CountAsync(owner, Listed(), 100, Ct);

        Assert.Equal(before, after);
        Assert.Equal("5 5 6 5", after.Counts);
        Assert.Equal(new ObjectCount(9, false), ownerCount);
        Assert.Equal(new ObjectCount(3, More: true), await h.Store.CountAsync(reader, Listed(), 3, Ct));
        Assert.Equal(new ObjectCount(5, More: false), await h.Store.CountAsync(reader, Listed(), 5, Ct));
    }

    private static ObjectQuery Listed() => new() { ExcludeTypes = ["relationship"] };

    /// <summary>The reader's counts (listed, by text, with relationships, by score) and its pages in every order.</summary>
    private static async Task<(string Counts, string Pages)> ViewAsync(IntelHarness h, Principal reader)
    {
        var queries = new[]
        {
            Listed(), Listed() with { Text = "shared" }, new ObjectQuery(), Listed() with { MinScore = 1 },
        };
        var counts = new List<string>();
        foreach (var q in queries)
        {
            var count = await h.Store.CountAsync(reader, q, 100, Ct);
            counts.Add(count.More ? "more" : count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var pages = new List<string>();
        foreach (var sort in Enum.GetValues<ObjectSort>())
        {
            foreach (var q in queries)
            {
                var rows = await ListData.AllPagesAsync(h, reader, q with { Sort = sort, Descending = true, Limit = 2 });
                pages.Add(sort + ":" + string.Join(',', rows.Select(r => r.Id + "@" + r.OwnerOrgId)));
            }
        }

        return (string.Join(' ', counts), string.Join('\n', pages));
    }
}
