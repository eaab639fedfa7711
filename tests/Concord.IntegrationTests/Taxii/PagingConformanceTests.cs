using System.Net;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// T 3.2 (date headers), T 3.4 (filters per endpoint, added_after once), T 3.5 (more/next on every paged endpoint),
/// T 5.3.1 (manifest records) and Appendix B (a <c>next</c> token is not trusted: authorization is checked again).
/// </summary>
public class PagingConformanceTests
{
    private const string TaxiiTimestamp = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DateHeaders_OnEveryPagedEndpoint_AreTheFirstAndLastRecordsDateAdded(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        var client = await h.ClientAsync("Alpha");
        await client.PostAsync(All + "objects/", Envelope(Indicator(id, "2026-01-01T00:00:00.000Z", Tlp.Green), Indicator(tlp: Tlp.Green)), Ct);
        await client.PostAsync(All + "objects/", Envelope(Indicator(id, "2026-02-01T00:00:00.000Z", Tlp.Green)), Ct);

        using var manifestResponse = await client.GetAsync(All + "manifest/?match[version]=all", Ct);
        var records = (await JsonAsync(manifestResponse))["objects"]!.AsArray();
        var added = records.Select(r => r!["date_added"]!.GetValue<string>()).ToList();

        // The two objects of the first POST share one date_added; the second POST's is later.
        Assert.All(added, a => Assert.Matches(TaxiiTimestamp, a));
        Assert.Equal(added.Order(StringComparer.Ordinal), added);
        Assert.Equal(3, added.Count);
        Assert.Equal(2, added.Distinct().Count());
        Assert.All(records, r => Assert.Equal("application/stix+json;version=2.1", r!["media_type"]!.GetValue<string>()));
        AssertHeaders(manifestResponse, added[0], added[^1]);
        AssertHeaders(await client.GetAsync(All + "objects/?match[version]=all", Ct), added[0], added[^1]);
        AssertHeaders(await client.GetAsync(All + $"objects/{id}/?match[version]=all", Ct), added[0], added[2]);
        AssertHeaders(await client.GetAsync(All + $"objects/{id}/versions/", Ct), added[0], added[2]);
        AssertHeaders(await client.GetAsync(All + $"objects/{id}/", Ct), added[2], added[2]);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Manifest_Versions_AndObjectById_PageWithMoreAndNext(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        string[] versions = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"];
        await h.SeedAsync("Alpha", [.. versions.Select(v => Indicator(id, v, Tlp.Green))]);
        var client = await h.ClientAsync("Alpha");

        var manifest = await WalkAsync(client, All + "manifest/?match[version]=all&limit=1", e => e["objects"]?.AsArray().Select(o => o!["version"]!.GetValue<string>()));
        var versionList = await WalkAsync(client, All + $"objects/{id}/versions/?limit=2", e => e["versions"]?.AsArray().Select(v => v!.GetValue<string>()));
        var byId = await WalkAsync(client, All + $"objects/{id}/?match[version]=all&limit=1", e => e["objects"]?.AsArray().Select(o => o!["modified"]!.GetValue<string>()));

        Assert.Equal(versions, manifest);
        Assert.Equal(versions, versionList);
        Assert.Equal(versions, byId);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NextToken_IsBoundToItsReader_AndEachReadersOwnPagesShowOnlyWhatItMaySee(Store store)
    {
        await using var h = await StartAsync(store);
        var secret = Indicator(tlp: Tlp.Red);
        var shared = new[] { Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green) };
        await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green));
        await h.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Owner }, secret);
        await h.SeedAsync("Alpha", shared);
        var alpha = await h.ClientAsync("Alpha");
        var bravo = await h.ClientAsync("Bravo");
        var next = (await JsonAsync(await alpha.GetAsync(All + "objects/?limit=1", Ct)))["next"]!.GetValue<string>();

        var error = await AssertErrorAsync(await bravo.GetAsync(All + "objects/?limit=1&next=" + Uri.EscapeDataString(next), Ct), 400);

        Assert.Equal("next", error["details"]?["field"]?.GetValue<string>());
        var own = (await JsonAsync(await bravo.GetAsync(All + "objects/?limit=1", Ct)))["next"]!.GetValue<string>();
        var page = await JsonAsync(await bravo.GetAsync(All + "objects/?limit=10&next=" + Uri.EscapeDataString(own), Ct));
        Assert.Equal(shared.Select(o => o["id"]!.GetValue<string>()), Ids(page));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FiltersAnEndpointDoesNotTake_AreIgnored_ButAddedAfterTwiceIs400(Store store)
    {
        await using var h = await StartAsync(store);
        var indicator = Indicator(tlp: Tlp.Green);
        await h.SeedAsync("Alpha", indicator);
        var client = await h.ClientAsync("Alpha");
        var id = indicator["id"]!.GetValue<string>();

        // T 5.6 takes match[version] and match[spec_version] only; match[type] and match[id] there are not its filters.
        Assert.Equal([id], Ids(await JsonAsync(await client.GetAsync(All + $"objects/{id}/?match[type]=malware&match[id]={NewId()}", Ct))));
        var versions = await JsonAsync(await client.GetAsync(All + $"objects/{id}/versions/?match[version]=first", Ct));
        Assert.Single(versions["versions"]!.AsArray());
        await AssertErrorAsync(await client.GetAsync(All + "objects/?added_after=2026-01-01T00:00:00.000000Z&added_after=2026-01-02T00:00:00.000000Z", Ct), 400);
    }

    private static void AssertHeaders(HttpResponseMessage response, string first, string last)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(first, Assert.Single(response.Headers.GetValues("X-TAXII-Date-Added-First")));
            Assert.Equal(last, Assert.Single(response.Headers.GetValues("X-TAXII-Date-Added-Last")));
        }
    }

    /// <summary>Follows <c>next</c> while <c>more</c> is true (as taxii2-client's as_pages does), collecting each page's items.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string url, Func<JsonObject, IEnumerable<string>?> items)
    {
        var all = new List<string>();
        var next = url;
        for (var pages = 0; pages < 10; pages++)
        {
            using var response = await client.GetAsync(next, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await JsonAsync(response);
            all.AddRange(items(body) ?? []);
            if (body["more"]?.GetValue<bool>() != true)
            {
                Assert.Null(body["next"]);
                return all;
            }

            next = url + "&next=" + Uri.EscapeDataString(body["next"]!.GetValue<string>());
        }

        Assert.Fail("more than 10 pages");
        return all;
    }
}
