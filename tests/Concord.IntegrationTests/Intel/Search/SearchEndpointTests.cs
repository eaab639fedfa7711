using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.Search;

/// <summary>REST: <c>q=</c> ranks by relevance unless <c>sort</c> says otherwise; the dashboard figures over HTTP.</summary>
public class SearchEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_WithQ_RanksByRelevance_AndSortChoosesAnotherOrder(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var exact = SearchData.Malware("Ryuk", "Ransomware.", [], "S0446");
        var mention = Bundles.Indicator(name: "Share", description: "Ryuk staging share", tlp: Tlp.Green);
        await client.ImportAsync(Bundles.Bundle(exact, mention));

        async Task<string[]> Ids(string query)
        {
            using var response = await client.GetAsync($"/api/v1/objects?{query}", Ct);
            return [.. (await response.JsonAsync()).GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
        }

        Assert.Equal([SearchData.IdOf(exact), SearchData.IdOf(mention)], await Ids("q=ryuk"));
        Assert.Equal([SearchData.IdOf(mention), SearchData.IdOf(exact)], await Ids("q=ryuk&sort=newest"));
        Assert.Equal([SearchData.IdOf(exact), SearchData.IdOf(mention)], await Ids("q=ryuk&sort=oldest"));
        await (await client.GetAsync("/api/v1/objects?q=ryuk&sort=best", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "sort-unknown");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Overview_OverHttp_CountsWhatTheCallerMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        await alpha.ImportAsync(Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Green), Bundles.Indicator(tlp: Tlp.Amber)), "scope=owner&tlp=amber");

        using var own = await alpha.GetAsync("/api/v1/stats/overview?days=7", Ct);
        using var other = await bravo.GetAsync("/api/v1/stats/overview", Ct);

        Assert.Equal(2, (await own.JsonAsync()).GetProperty("added").GetInt64());
        Assert.Equal(0, (await other.JsonAsync()).GetProperty("added").GetInt64());
        await (await alpha.GetAsync("/api/v1/stats/overview?days=0", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "range");
    }
}
