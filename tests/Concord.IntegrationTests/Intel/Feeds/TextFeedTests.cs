using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.Feeds;

/// <summary>The real ipsum list (plain text) and Infoblox's combined CSV, pulled over HTTP from 127.0.0.1.</summary>
public class TextFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Ipsum_ImportsEveryAddress_ThenA304IsTheWholeNextRun(Store store)
    {
        var file = SharedData.Path("indicators", "ipsum", "ipsum.txt");
        var expected = (await File.ReadAllLinesAsync(file, Ct)).Count(l => l.Length > 0 && l[0] != '#');
        await using var server = await FeedServer.StartAsync(file);
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(new { name = "ipsum", kind = "text", source = server.Url("ipsum.txt"), tlp = "green", scope = "alliance", interval_minutes = 60, enabled = false });

        var first = await admin.RunFeedAsync(id);

        Assert.True(first.GetProperty("error").ValueKind == JsonValueKind.Null, first.GetProperty("error").ToString());
        Assert.Equal((expected, 0L, 1), (first.Long("stored"), first.Long("rejected"), first.Int("requests")));
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        using var hit = await analyst.GetAsync("/api/v1/correlation?value=77.90.185.20", Ct);
        Assert.Contains("indicator--", await hit.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var second = await admin.RunFeedAsync(id);
        Assert.Equal((1, 0L, 0L), (second.Int("requests"), second.Long("stored"), second.Long("duplicates")));
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InfobloxCsv_ImportsEveryRow_AndWithoutValidatorsStoresNoSecondVersion(Store store)
    {
        var file = SharedData.Path("indicators", "infoblox", "combined.csv");
        // Distinct values as the indicator index knows them: host names fold case, URL paths do not.
        var expected = (await File.ReadAllLinesAsync(file, Ct)).Skip(1).Select(l => Normalised(l.Split(',')[1])).Distinct().Count();
        await using var server = await FeedServer.StartAsync(file);
        server.Validators = false;
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(new
        {
            name = "infoblox-csv", kind = "csv", source = server.Url("combined.csv"), tlp = "clear", scope = "alliance", interval_minutes = 60, enabled = false,
            columns = new { value = 2, comment = 3, first_seen = 4 },
        });

        var first = await admin.RunFeedAsync(id);
        Assert.True(first.GetProperty("error").ValueKind == JsonValueKind.Null, first.GetProperty("error").ToString());
        Assert.Equal((expected, 0L), (first.Long("stored"), first.Long("rejected")));

        // The same list again: the same ids and versions, so every value is a duplicate and nothing new is stored.
        var second = await admin.RunFeedAsync(id);
        Assert.Equal((0L, (long)expected), (second.Long("stored"), second.Long("duplicates")));
    }

    private static string Normalised(string value)
    {
        var text = Concord.Observables.Refang.Apply(value.Trim());
        var parsed = Concord.Observables.Observable.Detect(text);
        return parsed.IsSuccess ? $"{parsed.Value.Kind}:{parsed.Value.Value}" : text.ToLowerInvariant();
    }
}
