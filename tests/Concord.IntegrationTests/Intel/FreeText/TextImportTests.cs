using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Platform.Audit;
using Concord.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel.FreeText;

/// <summary>Free-text import over HTTP: the preview stores nothing and shows only what the reader may read; the import stores what was confirmed, once.</summary>
public class TextImportTests
{
    private const string Text = """
        From: it-support[@]bad-sender[.]example
        The loader beacons to hxxps://cdn.bad-sender[.]example/gate.php and to 203.0.113.9, also 198.51.100.7 and 8.8.8.8.
        It exploits CVE-2021-44228 (T1566.001, T1059).
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings() =>
        new() { ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists") };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Preview_ProposesIndicators_FlagsWarninglisted_AndKnowsOnlyWhatTheReaderMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store, Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=green", CorrelationHttp.IndicatorFor("ipv4-addr:value", "203.0.113.9"), Technique("T1566.001"));
        await (await alliance.ClientAsync("Charlie", Role.Analyst)).ImportOkAsync("tlp=amber", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.7"), Technique("T1059"));
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var before = await bravo.ListIdsAsync("");

        using var response = await bravo.PostJsonAsync("/api/v1/extract", new { text = Text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidates = (await response.JsonAsync()).GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!);
        Assert.Equal(
            ["it-support@bad-sender.example", "https://cdn.bad-sender.example/gate.php", "203.0.113.9", "198.51.100.7", "8.8.8.8", "CVE-2021-44228", "T1566.001", "T1059"],
            candidates.Keys);
        var known = candidates["203.0.113.9"];
        Assert.Equal(("indicator", "[ipv4-addr:value = '203.0.113.9']", true), (known.GetProperty("proposal").GetString(), known.GetProperty("pattern").GetString(), known.GetProperty("known").GetBoolean()));
        Assert.All(candidates.Values, c => Assert.Equal(c.GetProperty("proposal").GetString() != "none" && c.GetProperty("warninglists").GetArrayLength() == 0, c.GetProperty("selected").GetBoolean()));
        Assert.Contains("203.0.113.9", known.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.False(candidates["198.51.100.7"].GetProperty("known").GetBoolean());
        var google = candidates["8.8.8.8"];
        Assert.False(google.GetProperty("selected").GetBoolean());
        Assert.Contains(google.GetProperty("warninglists").EnumerateArray(), w => w.GetProperty("id").GetString() == "public-dns-v4");
        Assert.Equal("[url:value = 'https://cdn.bad-sender.example/gate.php']", candidates["https://cdn.bad-sender.example/gate.php"].GetProperty("pattern").GetString());
        Assert.Equal("vulnerability", candidates["CVE-2021-44228"].GetProperty("proposal").GetString());
        Assert.Equal(("reference", true), (candidates["T1566.001"].GetProperty("proposal").GetString(), candidates["T1566.001"].GetProperty("existingId").ValueKind == JsonValueKind.String));
        // Charlie's technique is TLP:AMBER, its own: to Bravo it does not exist.
        Assert.Equal(("none", JsonValueKind.Null), (candidates["T1059"].GetProperty("proposal").GetString(), candidates["T1059"].GetProperty("existingId").ValueKind));
        Assert.Equal(before, await bravo.ListIdsAsync(""));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ConfirmedItems_StoresIndicatorsVulnerabilityAndAReport_AsOneImport(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var technique = Technique("T1566.001");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=clear&scope=alliance", technique);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var audited = (await AuditAsync(node)).Count;

        using var response = await bravo.PostJsonAsync("/api/v1/extract/import", new
        {
            name = "Phishing wave",
            tlp = "green",
            items = new[]
            {
                new { kind = "ipv4-addr", value = "203.0.113[.]9" }, new { kind = "url", value = "hxxps://cdn.bad-sender[.]example/gate.php" },
                new { kind = "vulnerability", value = "cve-2021-44228" }, new { kind = "attack-pattern", value = "T1566.001" },
                new { kind = "ipv4-addr", value = "203.0.113.9" },
            },
        });

        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var created = body.GetProperty("created").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["indicator", "indicator", "vulnerability"], created.Select(id => id[..id.IndexOf("--", StringComparison.Ordinal)]));
        Assert.Equal([technique.Id()], body.GetProperty("referenced").EnumerateArray().Select(e => e.GetString()));
        var report = (await GetAsync(bravo, body.GetProperty("reportId").GetString()!)).GetProperty("object");
        Assert.Equal("Phishing wave", report.GetProperty("name").GetString());
        Assert.Equal([.. created, technique.Id()], report.GetProperty("object_refs").EnumerateArray().Select(e => e.GetString()));
        var indicator = await GetAsync(bravo, created[0]);
        Assert.Equal("[ipv4-addr:value = '203.0.113.9']", indicator.GetProperty("object").GetProperty("pattern").GetString());
        Assert.Equal((alliance.OrgId("Bravo").ToString(), "GREEN"), (indicator.GetProperty("owner").GetString(), indicator.GetProperty("tlp").GetString()));
        Assert.Equal("CVE-2021-44228", (await GetAsync(bravo, created[2])).GetProperty("object").GetProperty("external_references")[0].GetProperty("external_id").GetString());
        var entries = (await AuditAsync(node)).Skip(audited).ToList();
        var import = Assert.Single(entries);
        Assert.Equal(("objects.import", alliance.OrgId("Bravo")), (import.Action, import.ActorOrganisationId));
        Assert.Equal("AllOrNothing: processed 4, stored 4, duplicates 0, rejected 0", import.Detail);

        // Alpha reads it (GREEN defaults to the alliance); the second import of the same CVE references Bravo's vulnerability.
        using var again = await bravo.PostJsonAsync("/api/v1/extract/import", new { tlp = "green", items = new[] { new { kind = "vulnerability", value = "CVE-2021-44228" } } });
        Assert.Equal([created[2]], (await again.JsonAsync()).GetProperty("referenced").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_OneBadItemOrHiddenTechnique_IsAProblemNamingIt_AndStoresNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=amber", Technique("T1059"));
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var before = await bravo.ListIdsAsync("");

        using var bad = await bravo.PostJsonAsync("/api/v1/extract/import", new { items = new[] { new { kind = "domain-name", value = "good.example" }, new { kind = "ipv4-addr", value = "300.1.1.1" } } });
        using var hidden = await bravo.PostJsonAsync("/api/v1/extract/import", new { items = new[] { new { kind = "domain-name", value = "good.example" }, new { kind = "attack-pattern", value = "T1059" } } });
        using var wide = await bravo.PostJsonAsync("/api/v1/extract/import", new { tlp = "red", scope = "public", items = new[] { new { kind = "domain-name", value = "good.example" } } });
        using var reader = await (await alliance.ClientAsync("Bravo", Role.ReadOnly)).PostJsonAsync("/api/v1/extract/import", new { items = new[] { new { kind = "domain-name", value = "good.example" } } });

        Assert.Equal("items[1].value", (await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "observable-ipv4-addr")).GetProperty("field").GetString());
        Assert.Equal("items[1].value", (await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.BadRequest, "attack-pattern-not-found")).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wide.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(before, await bravo.ListIdsAsync(""));
    }

    private static JsonObject Technique(string attackId) => new()
    {
        ["type"] = "attack-pattern", ["spec_version"] = "2.1", ["id"] = Bundles.NewId("attack-pattern"),
        ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z", ["name"] = $"Technique {attackId}",
        ["external_references"] = new JsonArray(new JsonObject { ["source_name"] = "mitre-attack", ["external_id"] = attackId }),
    };

    private static async Task<JsonElement> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/objects/{id}", Ct);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    private static async Task<List<AuditEntryInfo>> AuditAsync(TestNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAllAsync(new AuditQuery(Limit: AuditQuery.MaxLimit), Ct);
        return [.. page.Value!.Entries.Reverse()];
    }
}
