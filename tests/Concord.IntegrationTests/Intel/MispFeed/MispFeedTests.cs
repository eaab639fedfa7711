using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.MispFeed;

/// <summary>The MISP feed over real HTTP: the manifest matches its event files, hashes.csv matches the values, and only what the reader may read is in it.</summary>
public class MispFeedTests
{
    private const string Feed = "/api/v1/feeds/misp";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_TakesTheKeyBareAsMispSendsIt_WhereTheRestOfTheApiDoesNot()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.ReadOnly);
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key);

        using var feed = await client.GetAsync($"{Feed}/manifest.json", Ct);
        using var objects = await client.GetAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, objects.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Feed_ManifestMatchesEvents_HashesMatchValues_AndHoldsOnlyWhatTheReaderMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var ip = CorrelationHttp.IndicatorFor("ipv4-addr:value", "203.0.113.9", "C2");
        var url = CorrelationHttp.IndicatorFor("url:value", "https://evil.example/gate.php", "Gate");
        var secret = CorrelationHttp.IndicatorFor("domain-name:value", "secret.example", "Secret");
        var shared = Container("report", "Shared wave", ip, url);
        var grouping = Container("grouping", "Shared cluster", url);
        var hidden = Container("report", "Alpha only", secret);
        await alpha.ImportOkAsync("tlp=green", ip, url, shared, grouping);
        await alpha.ImportOkAsync("tlp=amber&scope=owner", secret, hidden);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        using var manifestResponse = await bravo.GetAsync($"{Feed}/manifest.json", Ct);
        Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
        var manifest = JsonNode.Parse(await manifestResponse.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(new[] { Uuid(shared), Uuid(grouping) }.Order(), manifest.Select(e => e.Key).Order());
        var events = new List<JsonObject>();
        foreach (var (uuid, entry) in manifest)
        {
            using var file = await bravo.GetAsync($"{Feed}/{uuid}.json", Ct);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var @event = JsonNode.Parse(await file.Content.ReadAsStringAsync(Ct))!["Event"]!.AsObject();
            events.Add(@event);
            Assert.Equal(uuid, @event["uuid"]!.GetValue<string>());
            foreach (var (key, value) in entry!.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, @event[key]), $"{uuid} {key}: manifest {value?.ToJsonString()} vs event {@event[key]?.ToJsonString()}");
            }

            Assert.All(new[] { "info", "timestamp", "date", "analysis", "threat_level_id", "Tag" }, key => Assert.True(entry.AsObject().ContainsKey(key), key));
        }

        Assert.Equal("Shared wave", events.Single(e => e["uuid"]!.GetValue<string>() == Uuid(shared))["info"]!.GetValue<string>());

        using var hashesResponse = await bravo.GetAsync($"{Feed}/hashes.csv", Ct);
        var lines = (await hashesResponse.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var expected = events.SelectMany(e => Values(e).Select(v => $"{Md5(v)},{e["uuid"]!.GetValue<string>()}")).ToHashSet();
        Assert.Equal(expected, lines);
        Assert.Contains($"{Md5("203.0.113.9")},{Uuid(shared)}", lines);
        Assert.Contains($"{Md5("https://evil.example/gate.php")},{Uuid(grouping)}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith(Md5("secret.example"), StringComparison.Ordinal));

        // A hidden event answers as a missing one; the owner reads it.
        using var hiddenFile = await bravo.GetAsync($"{Feed}/{Uuid(hidden)}.json", Ct);
        using var missingFile = await bravo.GetAsync($"{Feed}/{Guid.NewGuid()}.json", Ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hiddenFile.StatusCode, missingFile.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await alpha.GetAsync($"{Feed}/{Uuid(hidden)}.json", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Feed_RepeatedPullWithTheETag_IsNotModified_UntilSomethingChanges(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var ip = CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.7");
        await alpha.ImportOkAsync("tlp=green", ip, Container("report", "First", ip));
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        foreach (var file in new[] { "manifest.json", "hashes.csv" })
        {
            using var first = await bravo.GetAsync($"{Feed}/{file}", Ct);
            var etag = first.Headers.ETag!;
            Assert.NotNull(first.Content.Headers.LastModified);
            using var again = new HttpRequestMessage(HttpMethod.Get, $"{Feed}/{file}") { Headers = { IfNoneMatch = { etag } } };
            Assert.Equal(HttpStatusCode.NotModified, (await bravo.SendAsync(again, Ct)).StatusCode);

            // Something Bravo may not read changes nothing it sees; something it may read changes the validator.
            await alpha.ImportOkAsync("tlp=amber&scope=owner", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.8"));
            using var afterHidden = new HttpRequestMessage(HttpMethod.Get, $"{Feed}/{file}") { Headers = { IfNoneMatch = { etag } } };
            Assert.Equal(HttpStatusCode.NotModified, (await bravo.SendAsync(afterHidden, Ct)).StatusCode);
            await alpha.ImportOkAsync("tlp=green", Container("report", $"Next {file}", ip));
            using var afterShared = new HttpRequestMessage(HttpMethod.Get, $"{Feed}/{file}") { Headers = { IfNoneMatch = { etag } } };
            Assert.Equal(HttpStatusCode.OK, (await bravo.SendAsync(afterShared, Ct)).StatusCode);
        }
    }

    private static JsonObject Container(string type, string name, params JsonNode[] members)
    {
        var container = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type), ["name"] = name,
            ["created"] = "2026-03-01T00:00:00.000Z", ["modified"] = "2026-03-02T00:00:00.000Z",
            ["object_refs"] = new JsonArray([.. members.Select(m => (JsonNode)m.Id())]),
        };
        if (type == "report")
        {
            container["published"] = "2026-03-02T00:00:00Z";
        }
        else
        {
            container["context"] = "suspicious-activity";
        }

        return container;
    }

    private static string Uuid(JsonNode node) => node.Id()[(node.Id().IndexOf("--", StringComparison.Ordinal) + 2)..];

    private static IEnumerable<string> Values(JsonObject @event) =>
        (@event["Attribute"] as JsonArray ?? []).Concat((@event["Object"] as JsonArray ?? []).SelectMany(o => o!["Attribute"] as JsonArray ?? []))
            .SelectMany(a => a!["type"]!.GetValue<string>().Contains('|', StringComparison.Ordinal) ? a["value"]!.GetValue<string>().Split('|') : [a["value"]!.GetValue<string>()]);

    private static string Md5(string value) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
}
