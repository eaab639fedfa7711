using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;
using Concord.Stix;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.Exports;

/// <summary>
/// The pull URLs (<c>GET /api/v1/exports/{format}</c>) over real HTTP with API keys, on both stores: each format holds the
/// reader's indicators' values and nothing only a hidden indicator holds; rules parse and keep their sids; ETag and 304.
/// </summary>
public class PullExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Patterns =
    [
        "[ipv4-addr:value = '192.0.2.0']", "[ipv4-addr:value = '192.0.2.1'] OR [ipv6-addr:value = '2001:db8::1']",
        "[domain-name:value = 'evil.example']", "[url:value = 'http://evil.example/drop?id=1']",
        "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
        "[x-ja3:hash = 'e7d705a3286e19ea42f587b344ee6865']", "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:name = 'a.exe']",
    ];

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryFormat_HoldsTheReadersValues_AndNoneOnlyAHiddenIndicatorHolds(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, Patterns);
        await ImportAsync(alliance, "Bravo", "scope=owner", Tlp.Amber, "[ipv4-addr:value = '203.0.113.9']", "[domain-name:value = 'hidden.example']");
        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);

        Assert.Equal("192.0.2.0/31\n2001:db8::1\n", await GetAsync(reader, "ips"));
        Assert.Equal("evil.example\n", await GetAsync(reader, "domains"));
        Assert.Equal("http://evil.example/drop?id=1\n", await GetAsync(reader, "urls"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n", await GetAsync(reader, "hashes"));
        var suricata = Rules(await GetAsync(reader, "suricata"), suricata: true);
        Assert.Equal(["dns", "http", "ip", "ip", "ip", "tls"], suricata.Select(r => r.Protocol).Order());
        Assert.All(suricata, r => Assert.Matches("^url,[^/]+/intel/objects/indicator--", r.Value("reference")));
        Assert.Equal(5, Rules(await GetAsync(reader, "snort"), suricata: false).Count);
        foreach (var format in new[] { "stix", "csv", "misp" })
        {
            Assert.Contains("evil.example", await GetAsync(reader, format), StringComparison.Ordinal);
        }

        foreach (var format in Enum.GetValues<Concord.Intel.ExportFormat>().Select(Concord.Intel.ExportFormats.Name))
        {
            var body = await GetAsync(reader, format);
            Assert.DoesNotContain("203.0.113.9", body, StringComparison.Ordinal);
            Assert.DoesNotContain("hidden.example", body, StringComparison.Ordinal);
        }

        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        Assert.Contains("hidden.example", await GetAsync(bravo, "domains"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sids_StayTheSameWhenOtherIndicatorsAreAdded(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, Patterns);
        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        var before = Rules(await GetAsync(reader, "suricata"), suricata: true).ToDictionary(r => r.Value("msg") + r.Destination, r => r.Sid);

        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, "[ipv4-addr:value = '198.51.100.1']", "[domain-name:value = 'new.example']");
        var after = Rules(await GetAsync(reader, "suricata"), suricata: true);

        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(after.Count, after.Select(r => r.Sid).Distinct().Count());
        Assert.All(before, pair => Assert.Equal(pair.Value, after.Single(r => r.Value("msg") + r.Destination == pair.Key).Sid));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnchangedExport_Answers304WithNoBody_EvenWhenSomethingHiddenWasAdded(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, Patterns);
        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        using var first = await reader.GetAsync("/api/v1/exports/ips?min_score=0", Ct);
        var tag = first.Headers.ETag!;

        using var again = await ConditionalAsync(reader, "/api/v1/exports/ips?min_score=0", tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(tag, again.Headers.ETag);

        // A tag that moved with something the reader cannot see would tell it that something hidden changed.
        await ImportAsync(alliance, "Bravo", "scope=owner", Tlp.Amber, "[ipv4-addr:value = '203.0.113.9']");
        using (var hidden = await ConditionalAsync(reader, "/api/v1/exports/ips?min_score=0", tag))
        {
            Assert.Equal(HttpStatusCode.NotModified, hidden.StatusCode);
        }

        using (var otherQuery = await ConditionalAsync(reader, "/api/v1/exports/ips?min_score=1", tag))
        {
            Assert.Equal(HttpStatusCode.OK, otherQuery.StatusCode);
        }

        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, "[ipv4-addr:value = '198.51.100.1']");
        using var changed = await ConditionalAsync(reader, "/api/v1/exports/ips?min_score=0", tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Contains("198.51.100.1", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Filters_TlpCeilingSinceAndKinds_NarrowTheExport_AndBadOnesAreProblems(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await ImportAsync(alliance, "Alpha", "tlp=green&scope=alliance", Tlp.Green, "[domain-name:value = 'green.example']", "[ipv4-addr:value = '192.0.2.9']");
        await ImportAsync(alliance, "Alpha", "scope=alliance", Tlp.Clear, "[domain-name:value = 'clear.example']");
        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);

        Assert.Equal("clear.example\n", await GetAsync(reader, "domains?tlp_max=clear"));
        Assert.Equal("", await GetAsync(reader, "domains?since=2030-01-01T00:00:00Z"));
        Assert.Equal(2, (await GetAsync(reader, "domains?since=2025-01-01T00:00:00Z&tlp_max=amber")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(["ip"], Rules(await GetAsync(reader, "suricata?type=ip"), suricata: true).Select(r => r.Protocol));

        Assert.Equal("type", (await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/exports/ips?type=ip", Ct), HttpStatusCode.BadRequest, "type-not-applicable")).GetProperty("field").GetString());
        Assert.Equal("tlp_max", (await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/exports/domains?tlp_max=purple", Ct), HttpStatusCode.BadRequest, "tlp-unknown")).GetProperty("field").GetString());
        Assert.Equal("min_score", (await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/exports/domains?min_score=101", Ct), HttpStatusCode.BadRequest, "range")).GetProperty("field").GetString());
        Assert.Equal("format", (await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/exports/pdf", Ct), HttpStatusCode.BadRequest, "format-unknown")).GetProperty("field").GetString());
    }

    private static async Task ImportAsync(TestAlliance alliance, string organisation, string query, Tlp tlp, params string[] patterns)
    {
        var client = await alliance.ClientAsync(organisation, Role.Analyst);
        var indicators = patterns.Select((p, i) =>
        {
            var indicator = Bundles.Indicator(tlp: tlp, name: $"{organisation} {i} {p}");
            indicator["pattern"] = p;
            return (JsonNode)indicator;
        }).ToArray();
        using var response = await client.ImportAsync(Bundles.Bundle(indicators), query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<string> GetAsync(HttpClient client, string formatAndQuery)
    {
        using var response = await client.GetAsync($"/api/v1/exports/{formatAndQuery}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.NotNull(response.Headers.ETag);
        return body;
    }

    private static async Task<HttpResponseMessage> ConditionalAsync(HttpClient client, string url, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request, Ct);
    }

    private static List<RuleGrammar.Rule> Rules(string body, bool suricata) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(l => RuleGrammar.Parse(l, suricata))];
}
