using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// Blind lookups between real nodes over HTTP: node A's member asks B and C about values by their keyed hashes only.
/// B answers with what A may read, and for an opted-in owner's AMBER record only "a member holds this" (the owner is
/// alerted); a value nobody holds and a value held only where A may not look answer alike; C, which holds nothing,
/// keeps and logs nothing of the values; a node with another secret matches nothing.
/// </summary>
public class BlindLookupTests
{
    private const string Secret = "correct horse battery staple, shared by the alliance";
    private const string Shared = "198.51.100.7";
    private const string Hidden = "203.0.113.9";
    private const string Unalerted = "hidden-only.example";
    private const string Nowhere = "192.0.2.77";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Ask_AnswersWhatTheAskerMayRead_AnonymousHitsForOptedInOwners_AndNothingElse(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo", "Beta");
        await using var c = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-c"), "Charlie");

        // A holds a key for B and for C (each registered A as a peer that reads it).
        await FederationNodes.ConnectAsync(b, a, Ct, "node-b", "node-a");
        await FederationNodes.ConnectAsync(c, a, Ct, "node-c", "node-a");

        var green = Indicator(Shared, Tlp.Green, "Shared with nodes");
        var amber = Indicator(Hidden, Tlp.Amber, "Beta's own");
        var unalerted = Indicator($"domain-name:value = '{Unalerted}'", Tlp.Amber, "Bravo's own", pattern: true);
        await b.SeedAsync("Bravo", new ImportOptions { Scope = Scope.ConnectedNodes }, green);
        await b.SeedAsync("Bravo", new ImportOptions { Scope = Scope.Owner }, unalerted);
        await b.SeedAsync("Beta", new ImportOptions { Scope = Scope.Owner }, amber);
        var betaAdmin = await b.Members.ClientAsync("Beta", Role.OrgAdmin);
        Assert.Equal(HttpStatusCode.OK, (await betaAdmin.PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct)).StatusCode);

        // Off until a secret is set, and said so.
        var alpha = await a.Members.ClientAsync("Alpha", Role.Analyst);
        var off = await alpha.PostAsJsonAsync("/api/v1/federation/lookups/ask", new { values = new[] { Shared } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, off.StatusCode);
        Assert.Contains("blind-lookups-off", await off.Content.ReadAsStringAsync(Ct));

        var fingerprints = new List<string>();
        foreach (var node in new[] { a, b, c })
        {
            fingerprints.Add(await SetSecretAsync(node, Secret));
        }

        Assert.Single(fingerprints.Distinct());
        await ReadyAsync(b);
        await ReadyAsync(c);

        var answer = await AskAsync(alpha, Shared, Hidden, Unalerted, Nowhere, "not a value at all");
        Assert.Equal(["node-b", "node-c"], answer["peers"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.All(answer["peers"]!.AsArray(), p => Assert.Null((string?)p!["error"]));
        var values = answer["values"]!.AsArray();

        // Shared: B's record, as B names its owner; nothing from C.
        var shared = Assert.Single(values[0]!["findings"]!.AsArray())!;
        Assert.Equal("node-b", (string?)shared["peerName"]);
        Assert.False((bool)shared["anonymous"]!);
        var record = Assert.Single(shared["records"]!.AsArray())!;
        Assert.Equal((string?)green["id"], (string?)record["id"]);
        Assert.Equal("Bravo", (string?)record["owner"]);

        // Hidden in Beta's AMBER record, Beta opted in: only the anonymous bit, no record, no owner.
        var hidden = Assert.Single(values[1]!["findings"]!.AsArray())!;
        Assert.True((bool)hidden["anonymous"]!);
        Assert.Empty(hidden["records"]!.AsArray());
        Assert.DoesNotContain("Beta", hidden.ToJsonString());
        Assert.DoesNotContain((string)amber["id"]!, answer.ToJsonString());

        // Held only where A may not look, by an owner who did not opt in: exactly as a value nobody holds.
        Assert.Empty(values[2]!["findings"]!.AsArray());
        Assert.Empty(values[3]!["findings"]!.AsArray());
        Assert.NotNull((string?)values[4]!["error"]);

        // Beta was told someone asked about its value, not who.
        var alerts = (await (await b.Members.ClientAsync("Beta", Role.Analyst)).GetFromJsonAsync<JsonObject>("/api/v1/alerts/", Ct))!["alerts"]!.AsArray();
        var alert = Assert.Single(alerts)!;
        Assert.Equal(Hidden, (string?)alert["value"]);
        Assert.Equal((string?)amber["id"], (string?)alert["object"]);
        Assert.DoesNotContain("node-a", alert.ToJsonString());
        Assert.Empty((await (await b.Members.ClientAsync("Bravo", Role.Analyst)).GetFromJsonAsync<JsonObject>("/api/v1/alerts/", Ct))!["alerts"]!.AsArray());

        // C, which holds none of the values, answered and audited the question without any of them.
        var cAdmin = await c.Members.ClientAsync("Charlie", Role.NodeAdmin);
        var cAudit = await (await cAdmin.GetAsync("/api/v1/audit/?limit=1000", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("federation.blind-lookup.answer", cAudit);
        foreach (var value in new[] { Shared, Hidden, Unalerted, Nowhere })
        {
            Assert.DoesNotContain(value, cAudit);
        }

        var aAudit = await (await (await a.Members.ClientAsync("Alpha", Role.NodeAdmin)).GetAsync("/api/v1/audit/?limit=1000", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("federation.blind-lookup.ask", aAudit);
        Assert.DoesNotContain(Shared, aAudit);

        // C now holds the shared value, under another secret: its hashes match nothing A asks. With the alliance's secret, they do.
        await c.SeedAsync("Charlie", new ImportOptions { Scope = Scope.ConnectedNodes }, Indicator(Shared, Tlp.Green, "Charlie's"));
        Assert.NotEqual(fingerprints[0], await SetSecretAsync(c, "a different secret that nobody else in the alliance has"));
        await ReadyAsync(c);
        Assert.Equal(["node-b"], (await AskAsync(alpha, Shared))["values"]![0]!["findings"]!.AsArray().Select(f => (string)f!["peerName"]!));
        await SetSecretAsync(c, Secret);
        await ReadyAsync(c);
        Assert.Equal(["node-b", "node-c"], (await AskAsync(alpha, Shared))["values"]![0]!["findings"]!.AsArray().Select(f => (string)f!["peerName"]!).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Answer_BadInputIsRefusedByField_AndTheRateLimitAnswers429(Store store)
    {
        var settings = FederationNodes.Settings("node-b");
        settings["Concord:Federation:Lookups:PermitsPerMinute"] = "3";
        await using var b = await TaxiiHarness.StartAsync(store, settings, "Bravo");
        var admin = await b.Members.ClientAsync("Bravo", Role.NodeAdmin);
        await AssertProblemAsync(await admin.PutAsJsonAsync("/api/v1/federation/lookups/secret", new { secret = "short" }, Ct), "secret");
        var analyst = await b.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync("/api/v1/federation/lookups/secret", new { secret = Secret }, Ct)).StatusCode);
        await SetSecretAsync(b, Secret);

        // Another member's key: its own budget of questions.
        var asker = await b.Members.ClientAsync("Bravo", Role.ReadOnly);
        await AssertProblemAsync(await asker.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = Array.Empty<string>() }, Ct), "hashes");
        await AssertProblemAsync(await asker.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = new[] { "0011223344556677", "198.51.100.7" } }, Ct), "hashes[1]");
        await AssertProblemAsync(await asker.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = Enumerable.Repeat("0011223344556677", 101).ToArray() }, Ct), "hashes");
        var limited = await asker.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = new[] { "0011223344556677" } }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("answers", await limited.Content.ReadAsStringAsync(Ct));

        // The limit is per caller: the analyst still asks, and a hash is answered (nothing held: empty, not anonymous).
        await AssertProblemAsync(await analyst.PostAsJsonAsync("/api/v1/federation/lookups/ask", new { values = Array.Empty<string>() }, Ct), "values");
        var answered = await analyst.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = new[] { "0011223344556677" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var hit = (await answered.Content.ReadFromJsonAsync<JsonObject>(Ct))!["answers"]![0]!;
        Assert.Empty(hit["records"]!.AsArray());
        Assert.False((bool)hit["anonymous"]!);
    }

    private static JsonObject Indicator(string valueOrPattern, Tlp tlp, string name, bool pattern = false)
    {
        var indicator = Bundles.Indicator(name: name, tlp: tlp);
        indicator["pattern"] = pattern ? $"[{valueOrPattern}]" : $"[ipv4-addr:value = '{valueOrPattern}']";
        return indicator;
    }

    private static async Task<string> SetSecretAsync(TaxiiHarness node, string secret)
    {
        var admin = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var response = await admin.PutAsJsonAsync("/api/v1/federation/lookups/secret", new { secret }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.True((bool)status["enabled"]!);
        Assert.DoesNotContain(secret, status.ToJsonString());
        return (string)status["fingerprint"]!;
    }

    private static async Task<JsonObject> AskAsync(HttpClient member, params string[] values)
    {
        var response = await member.PostAsJsonAsync("/api/v1/federation/lookups/ask", new { values }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    /// <summary>The blind index is built in the background: wait (up to 30 s) until it has caught up with the store.</summary>
    private static async Task ReadyAsync(TaxiiHarness node)
    {
        var member = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        for (var i = 0; i < 300; i++)
        {
            var status = (await member.GetFromJsonAsync<JsonObject>("/api/v1/federation/lookups/secret", Ct))!;
            if ((bool)status["ready"]!)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("waited 30 s for the blind index");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct));
    }
}
