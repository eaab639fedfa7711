using System.Text;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Cli;
using Concord.Stix;
using Concord.Taxii.Client;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>The C# TAXII client and the <c>concord taxii pull/push</c> verbs against a running node over HTTP.</summary>
public class TaxiiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Client_DiscoversCollectionsAndReadsEveryPage_ThenAddsAndPollsStatus(Store store)
    {
        await using var h = await StartAsync(store);
        await h.SeedAsync("Alpha", [.. Enumerable.Range(0, 5).Select(_ => Indicator(tlp: Tlp.Green))]);
        using var http = h.Node.CreateClient();
        http.DefaultRequestHeaders.Authorization = TaxiiClient.Bearer(await h.Members.ApiKeyAsync("Alpha", Role.Analyst));
        var client = new TaxiiClient(http);

        var discovery = await client.DiscoverAsync(h.Node.BaseAddress, Ct);
        var root = await client.GetApiRootAsync(discovery.Default!, Ct);
        var collections = await client.GetCollectionsAsync(discovery.Default!, Ct);
        var all = collections.Single(c => c.Alias == "all");
        var pages = new List<TaxiiObjectsPage>();
        await foreach (var page in client.ReadPagesAsync(all.Url, new TaxiiReadOptions { Limit = 2 }, Ct))
        {
            pages.Add(page);
        }

        Assert.Contains("application/taxii+json;version=2.1", root.Versions);
        Assert.Equal(3, collections.Count);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Objects.Count));
        var status = await client.AddObjectsAsync(all.Url, Encoding.UTF8.GetBytes(new JsonObject { ["objects"] = new JsonArray(Indicator(tlp: Tlp.Green)) }.ToJsonString()), Ct);
        var polled = await client.WaitForStatusAsync(discovery.Default!, status, TimeSpan.FromMilliseconds(50), null, Ct);
        Assert.Equal(1, polled.Succeeded);
        var later = await client.ReadPageAsync(all.Url, new TaxiiReadOptions { AddedAfter = pages[^1].DateAddedLast }, null, Ct);
        Assert.Single(later.Objects);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Cli_PushThenPull_RoundTripsTheObjects(Store store)
    {
        await using var h = await StartAsync(store);
        var key = await h.Members.ApiKeyAsync("Alpha", Role.Analyst);
        var objects = Enumerable.Range(0, 5).Select(_ => (JsonNode)Indicator(tlp: Tlp.Green)).ToArray();
        var broken = Indicator(tlp: Tlp.Green);
        broken.Remove("pattern");
        var bundle = Encoding.UTF8.GetBytes(Bundle([.. objects, broken]));
        var collection = new Uri(h.Node.BaseAddress, Alliance).ToString();

        var push = await CliRunner.RunAsync(null, bundle, "taxii", "push", collection, "-", "--api-key", key, "--batch", "2");
        var pull = await CliRunner.RunAsync((TestNode?)null, "taxii", "pull", collection, "--api-key", key);

        Assert.True(push.ExitCode == 3, push.ToString());
        Assert.Contains("pushed 6 objects: 5 added, 1 failed", push.Error, StringComparison.Ordinal);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        var pulled = JsonNode.Parse(pull.OutBytes)!;
        Assert.Equal("bundle", pulled["type"]!.GetValue<string>());
        Assert.Equal(objects.Select(o => o["id"]!.GetValue<string>()), pulled["objects"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        var refused = await CliRunner.RunAsync((TestNode?)null, "taxii", "pull", collection, "--api-key", "cnc_wrong");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401", refused.Error, StringComparison.Ordinal);
    }
}
