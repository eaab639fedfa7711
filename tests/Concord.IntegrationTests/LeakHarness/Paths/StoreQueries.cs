using System.Globalization;
using Concord.Access;
using Concord.Intel;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The store's queries behind every list (REST, UI, CLI): counts, numbered pages in every order, relevance pages. What
/// a reader may not read never counts, never shows, and never moves the rest (the decoys would come first in each).
/// </summary>
internal sealed class StoreQueries : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "store queries";

    public IReadOnlyList<string> Routes { get; } = [];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var principal = await world.PrincipalAsync(reader);
        var seen = (await PagesAsync(world, principal, new ObjectQuery { Limit = 50 })).Select(o => o.Id).ToHashSet();
        foreach (var record in world.Records)
        {
            report.Sees(reader, record, "numbered pages", world.MayRead(reader, record), seen.Contains(record.Id));
        }

        var count = await world.WithAsync<IIntelStore, ObjectCount>(s => s.CountAsync(principal, new ObjectQuery(), 10_000, Ct));
        if (count != new ObjectCount(seen.Count, More: false))
        {
            report.Add(reader, $"count {count} for {seen.Count} readable objects");
        }

        if (seen.Count > 3 && await world.WithAsync<IIntelStore, ObjectCount>(s => s.CountAsync(principal, new ObjectQuery(), 3, Ct)) != new ObjectCount(3, More: true))
        {
            report.Add(reader, "a capped count is not (3, more)");
        }
    }

    /// <summary>Counts (listed, by text, everything, by score) and every page in every order, two rows a page; relevance pages.</summary>
    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var principal = await world.PrincipalAsync(reader);
        ObjectQuery Listed() => new() { ExcludeTypes = ["relationship"] };
        var queries = new[] { Listed(), Listed() with { Text = LeakDecoys.Word }, new ObjectQuery(), Listed() with { MinScore = 1 } };
        var lines = new List<string>();
        foreach (var q in queries)
        {
            var count = await world.WithAsync<IIntelStore, ObjectCount>(s => s.CountAsync(principal, q, 1000, Ct));
            lines.Add(count.More ? "more" : count.Value.ToString(CultureInfo.InvariantCulture));
            foreach (var sort in Enum.GetValues<ObjectSort>())
            {
                var rows = await PagesAsync(world, principal, q with { Sort = sort, Descending = true, Limit = 7 });
                lines.Add(sort + ":" + string.Join(',', rows.Select(r => r.Id + "@" + r.OwnerOrgId)));
            }
        }

        var relevance = new ObjectQuery { Text = LeakDecoys.Word, Relevance = true, Limit = 7 };
        while (true)
        {
            var page = await world.WithAsync<IIntelStore, ObjectPage>(s => s.QueryAsync(principal, relevance, Ct));
            lines.Add("relevance:" + string.Join(',', page.Items.Select(o => o.Id)) + " next " + page.Next);
            if (page.Next is not { } next)
            {
                return string.Join('\n', lines);
            }

            relevance = relevance with { After = next };
        }
    }

    private static async Task<List<StoredStixObject>> PagesAsync(LeakWorld world, Principal principal, ObjectQuery query)
    {
        var found = new List<StoredStixObject>();
        for (var offset = 0; ; offset += query.Limit)
        {
            var page = await world.WithAsync<IIntelStore, ObjectPage>(s => s.QueryAsync(principal, query with { Offset = offset }, Ct));
            found.AddRange(page.Items);
            if (page.Next is null)
            {
                return found;
            }
        }
    }
}
