using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.Sightings;

/// <summary>The minimum-score filter on TAXII collections (<c>MinScore</c> in a collection's definition).</summary>
public class ScoreFilterTests
{
    private static readonly Guid FeedId = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TaxiiCollection_WithAMinimumScore_ServesOnlyIndicatorsScoringAtLeastThat(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings(
            ("Concord:Taxii:ApiRoots:0:Name", "feeds"),
            ("Concord:Taxii:ApiRoots:0:Title", "Feeds"),
            ("Concord:Taxii:ApiRoots:0:Collections:0:Id", FeedId.ToString()),
            ("Concord:Taxii:ApiRoots:0:Collections:0:Title", "Strong indicators"),
            ("Concord:Taxii:ApiRoots:0:Collections:0:MinScore", "50"),
            ("Concord:Taxii:ApiRoots:0:Collections:0:Writable", "false")));
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var strong = SightingHttp.Indicator(confidence: 90);
        var weak = SightingHttp.Indicator(confidence: 30);
        await alpha.ImportAsync(strong);
        await alpha.ImportAsync(weak);
        await alpha.ImportAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "malware", ["spec_version"] = "2.1", ["id"] = Bundles.NewId("malware"), ["name"] = "Loader", ["is_family"] = true,
            ["created"] = "2026-11-01T09:00:00.000Z", ["modified"] = "2026-11-01T09:00:00.000Z",
        });

        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        reader.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/taxii+json;version=2.1"));
        Assert.Equal([strong.Id()], await IdsAsync(reader));

        // 72 at the start; below 50 after 70 days (72 × (1 − (70/90)^(1/0.3)) ≈ 40.8).
        node.Time.Advance(TimeSpan.FromDays(70));
        Assert.Empty(await IdsAsync(reader));
    }

    private static async Task<string[]> IdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"/taxii2/feeds/collections/{FeedId}/objects/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return body.TryGetProperty("objects", out var objects) ? [.. objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!)] : [];
    }
}
