using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>The MISP warninglists (the real lists in ../shared/data) flag values in lookups and object correlations.</summary>
public class WarninglistCorrelationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings() =>
        new() { ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists") };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_ValuesOnRealWarninglists_SaysWhichListsHoldThem(Store store)
    {
        await using var node = await TestNode.StartAsync(store, Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = CorrelationHttp.Indicator("[ipv4-addr:value = '8.8.8.8'] OR [domain-name:value = 'h7.campaign.example.net']");
        using (var imported = await alpha.ImportAsync(Bundles.Bundle(indicator), "tlp=green"))
        {
            // Flagged at ingest: the import report counts the listed observable; the object is stored all the same.
            Assert.Equal(1, (await imported.JsonAsync()).GetProperty("warninglisted").GetInt64());
        }

        var body = await alpha.LookupJsonAsync("8.8.8.8", "D41D8CD98F00B204E9800998ECF8427E", "myhost.duckdns.org", "h7.campaign.example.net");
        var values = body.GetProperty("values").EnumerateArray().ToList();
        Assert.Contains("public-dns-v4", Lists(values[0]));
        Assert.Contains("empty-hashes", Lists(values[1]));
        Assert.Contains("dynamic-dns", Lists(values[2]));
        Assert.Empty(Lists(values[3]));

        // Flagged, not hidden: a warninglisted value still correlates, and the object's page says which list matched.
        Assert.Equal([indicator.Id()], CorrelationHttp.ObjectIds(values[0]));
        using var response = await alpha.GetAsync($"/api/v1/objects/{indicator.Id()}/correlations", Ct);
        var forObject = (await response.JsonAsync()).GetProperty("values").EnumerateArray().ToList();
        Assert.Contains("public-dns-v4", Lists(forObject[0]));
        Assert.Empty(Lists(forObject[1]));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Warninglists_AreListedWithCountsForMembers_AndReloadedOnlyByNodeAdmins(Store store)
    {
        await using var node = await TestNode.StartAsync(store, Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);

        using var listed = await analyst.GetAsync("/api/v1/warninglists", Ct);
        var lists = (await listed.JsonAsync()).GetProperty("warninglists").EnumerateArray().ToList();
        Assert.True(lists.Count > 100, $"{lists.Count} lists loaded");
        var dns = lists.Single(l => l.GetProperty("id").GetString() == "public-dns-v4");
        Assert.Equal("cidr", dns.GetProperty("type").GetString());
        Assert.True(dns.GetProperty("entries").GetInt32() > 60_000);

        using var denied = await analyst.PostAsync("/api/v1/warninglists/reload", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var reloaded = await admin.PostAsync("/api/v1/warninglists/reload", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Equal(lists.Count, (await reloaded.JsonAsync()).GetProperty("warninglists").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Warninglists_WithoutAFolderConfigured_AreNone(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        using var listed = await analyst.GetAsync("/api/v1/warninglists", Ct);
        var body = await listed.JsonAsync();
        Assert.False(body.GetProperty("configured").GetBoolean());
        Assert.Equal(0, body.GetProperty("warninglists").GetArrayLength());
        Assert.Empty(Lists((await analyst.LookupJsonAsync("8.8.8.8")).GetProperty("values")[0]));
    }

    private static List<string> Lists(JsonElement value) =>
        value.GetProperty("warninglists").EnumerateArray().Select(w => w.GetProperty("id").GetString()!).ToList();
}
