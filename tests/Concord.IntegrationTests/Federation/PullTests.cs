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
/// Two real nodes on 127.0.0.1: node B connects node A and pulls over TAXII 2.1. What A's members shared with connected
/// nodes (TLP:GREEN and CLEAR) reaches B as A's organisations' own copies, every version, with the same distribution;
/// nothing narrower does; a pull with nothing new is one request; and B's own organisations' records do not come back.
/// </summary>
public class PullTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Pull_BringsWhatWasSharedWithConnectedNodes_AsItsOwnersCopies_AndNothingNarrower(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        // Pages of two: the three objects A shares take two pages, the second asked for with 'next'.
        var settingsB = FederationNodes.Settings("node-b");
        settingsB["Concord:Federation:PageSize"] = "2";
        await using var b = await TaxiiHarness.StartAsync(store, settingsB, "Bravo");
        var ct = TestContext.Current.CancellationToken;

        var green = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        var greenV2 = green.DeepClone().AsObject();
        greenV2["modified"] = "2026-02-01T00:00:00.000Z";
        greenV2["name"] = "Shared with connected nodes, second version";
        var clear = Bundles.Indicator(name: "Public", tlp: Tlp.Clear);
        var allianceOnly = Bundles.Indicator(name: "Alliance on node A only", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber, owner only", tlp: Tlp.Amber);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, greenV2);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Public }, clear);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, allianceOnly);
        await a.SeedAsync("Alpha", amber);

        // B's own record, shared with connected nodes: A reads it too, but it must not come back to B as A's.
        var bravoOwn = Bundles.Indicator(name: "Bravo's own", tlp: Tlp.Green);
        await b.SeedAsync("Bravo", new ImportOptions { Scope = Scope.ConnectedNodes }, bravoOwn);

        var (peer, _) = await FederationNodes.ConnectAsync(a, b, ct);
        var first = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Null(first.Error);
        var admin = await b.Members.ClientAsync("Bravo", Role.NodeAdmin);
        var afterFirst = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct);
        Assert.Equal(3, (long)afterFirst!["status"]!["received"]!);

        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        var stored = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{green["id"]}", ct);
        Assert.Equal("Shared with connected nodes, second version", (string?)stored!["object"]!["name"]);
        var versions = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{green["id"]}/versions", ct);
        Assert.Equal(2, versions!["versions"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{clear["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{allianceOnly["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{amber["id"]}", ct)).StatusCode);

        // Owned here by Alpha's stand-in, "Alpha (node-a)", with the distribution Alpha gave it.
        var organisations = await bravo.GetFromJsonAsync<JsonArray>("/api/v1/organisations/", ct);
        var alpha = organisations!.Single(o => (string?)o!["name"] == "Alpha (node-a)")!;
        Assert.Equal((string?)alpha["id"], (string?)stored["owner"]);
        Assert.Equal("connected-nodes", (string?)stored["scope"]);
        Assert.Equal("GREEN", (string?)stored["tlp"]);

        // Nothing new: one request. B's own record was in A's pages and is not stored twice.
        var again = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((1, 0L, 0L), (again.Requests, again.Stored, again.Rejected));
        var own = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{bravoOwn["id"]}", ct);
        Assert.Equal(b.Members.OrgId("Bravo").ToString(), (string?)own!["owner"]);
        Assert.Empty(own["copies"]!.AsArray());

        // Something new on A arrives on the next pull, from where the last one stopped.
        var later = Bundles.Indicator(name: "Later", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, later);
        // Two requests: the page, and what A withdrew since (its store moved, so B asks).
        var third = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((2, 1L), (third.Requests, third.Stored));
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{later["id"]}", ct)).StatusCode);

        // The peer's status: where the cursor stands and what was received.
        var status = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct);
        Assert.Equal("node-a", (string?)status!["remoteNodeName"]);
        Assert.Equal(4, (long)status["status"]!["received"]!);
        Assert.False((bool)status["cursors"]![0]!["midRead"]!);
        Assert.Null(status["status"]!["lastError"]);

        // Audited: the connection, and each pull that stored something, as the peer's act on the federation channel (ids and counts only).
        Assert.Contains("\"action\":\"federation.peer.connect\"", await admin.GetStringAsync("/api/v1/audit?action=federation.peer.connect", ct), StringComparison.Ordinal);
        var pulls = await admin.GetStringAsync("/api/v1/audit?action=federation.pull", ct);
        Assert.Contains("\"channel\":\"federation\"", pulls, StringComparison.Ordinal);
        Assert.Contains("stored 1", pulls, StringComparison.Ordinal);
        Assert.DoesNotContain("Later", pulls, StringComparison.Ordinal);
    }
}
