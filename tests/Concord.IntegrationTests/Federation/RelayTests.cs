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
/// Three real nodes on 127.0.0.1, hub and spoke: node A and node C sync only with the hub, and C takes what the hub
/// relays. A's record reaches C through the hub with its path (A, hub, C) and A's organisation as its owner; when A
/// narrows it, the hub withdraws it and so does C; closing the ring (A pulls C, the hub pulls C) stores nothing twice,
/// sends nothing back as new, and refuses nothing.
/// </summary>
public class RelayTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AHubRelaysWithProvenance_WithdrawalsFollowThePath_AndARingStoresNothingTwice(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var hub = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("hub"), "Hotel");
        await using var c = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-c"), "Charlie");
        var ct = TestContext.Current.CancellationToken;
        var shared = new ImportOptions { Scope = Scope.ConnectedNodes };

        var relayed = Bundles.Indicator(name: "Relayed by the hub", tlp: Tlp.Green);
        var narrowed = Bundles.Indicator(name: "Narrowed after the relay", tlp: Tlp.Green);
        var allianceOnly = Bundles.Indicator(name: "Alliance on node A only", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", shared, relayed, narrowed);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, allianceOnly);
        var hubsOwn = Bundles.Indicator(name: "The hub's own", tlp: Tlp.Green);
        await hub.SeedAsync("Hotel", shared, hubsOwn);

        var (hubFromA, _) = await FederationNodes.ConnectAsync(a, hub, ct, "node-a", "hub");
        var (cFromHub, _) = await FederationNodes.ConnectAsync(hub, c, ct, "hub", "node-c", relaysOnB: true);
        Assert.Null((await FederationNodes.SyncAsync(hub, hubFromA, ct)).Error);
        Assert.Null((await FederationNodes.SyncAsync(c, cFromHub, ct)).Error);
        Assert.Equal((3L, 0L), await FederationNodes.TotalsAsync(c, cFromHub, ct));

        // At C: A's record, owned by A's organisation (not the hub's), with the path it came by.
        var charlie = await c.Members.ClientAsync("Charlie", Role.Analyst);
        var copy = await charlie.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{relayed["id"]}", ct);
        var organisations = await charlie.GetFromJsonAsync<JsonArray>("/api/v1/organisations/", ct);
        var alphaHere = organisations!.Single(o => (string?)o!["name"] == "Alpha (node-a)")!;
        Assert.Equal((string?)alphaHere["id"], (string?)copy!["owner"]);
        Assert.Equal(HttpStatusCode.OK, (await charlie.GetAsync($"/api/v1/objects/{hubsOwn["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await charlie.GetAsync($"/api/v1/objects/{allianceOnly["id"]}", ct)).StatusCode);

        var provenance = await charlie.GetFromJsonAsync<JsonObject>($"/api/v1/federation/provenance/{relayed["id"]}", ct);
        Assert.Equal(["node-a", "hub", "node-c"], provenance!["path"]!.AsArray().Select(h => (string?)h!["nodeName"]));
        Assert.Equal("node-a", (string?)provenance["origin"]!["nodeName"]);
        Assert.Equal("hub", (string?)provenance["viaPeer"]);
        var direct = await charlie.GetFromJsonAsync<JsonObject>($"/api/v1/federation/provenance/{hubsOwn["id"]}", ct);
        Assert.Equal(["hub", "node-c"], direct!["path"]!.AsArray().Select(h => (string?)h!["nodeName"]));
        Assert.Equal(HttpStatusCode.NotFound, (await charlie.GetAsync($"/api/v1/federation/provenance/{allianceOnly["id"]}", ct)).StatusCode);

        // The object page says where it came from.
        using (var web = await Web.FormSession.SignInAsAsync(c.Node, c.Members, "Charlie", Role.Analyst))
        {
            var page = await web.Client.GetStringAsync($"/intel/objects/{relayed["id"]}", ct);
            Assert.Contains("node <strong>node-a</strong>, relayed by hub (pulled from peer hub)", page, StringComparison.Ordinal);
        }

        // A narrows one to AMBER: the hub withdraws it, and so does C, which had it from the hub.
        var amber = narrowed.DeepClone().AsObject();
        amber["modified"] = "2026-02-01T00:00:00.000Z";
        amber["object_marking_refs"] = Bundles.Indicator(tlp: Tlp.Amber)["object_marking_refs"]!.DeepClone();
        await a.SeedAsync("Alpha", amber);
        Assert.Equal(1L, (await FederationNodes.SyncAsync(hub, hubFromA, ct)).Withdrawn);
        var withdrawn = await FederationNodes.SyncAsync(c, cFromHub, ct);
        Assert.Equal((1L, 0L), (withdrawn.Withdrawn, withdrawn.Rejected));
        Assert.Equal(HttpStatusCode.NotFound, (await charlie.GetAsync($"/api/v1/objects/{narrowed["id"]}", ct)).StatusCode);

        // The ring closes: A pulls C (taking C's relays). It gets the hub's record through C, none of its own back.
        var charliesOwn = Bundles.Indicator(name: "Charlie's own", tlp: Tlp.Green);
        await c.SeedAsync("Charlie", shared, charliesOwn);
        var (aFromC, _) = await FederationNodes.ConnectAsync(c, a, ct, "node-c", "node-a", relaysOnB: true);
        Assert.Null((await FederationNodes.SyncAsync(a, aFromC, ct)).Error);
        Assert.Equal((2L, 0L), await FederationNodes.TotalsAsync(a, aFromC, ct));
        var alpha = await a.Members.ClientAsync("Alpha", Role.Analyst);
        var versions = await alpha.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{relayed["id"]}/versions", ct);
        Assert.Single(versions!["versions"]!.AsArray());
        var viaC = await alpha.GetFromJsonAsync<JsonObject>($"/api/v1/federation/provenance/{hubsOwn["id"]}", ct);
        Assert.Equal(["hub", "node-c", "node-a"], viaC!["path"]!.AsArray().Select(h => (string?)h!["nodeName"]));

        // The hub pulls C without taking its relays: its own record and A's come back and are known, not refused.
        var (hubFromC, _) = await FederationNodes.ConnectAsync(c, hub, ct, "node-c-direct", "hub-direct");
        Assert.Null((await FederationNodes.SyncAsync(hub, hubFromC, ct)).Error);
        Assert.Equal((1L, 0L), await FederationNodes.TotalsAsync(hub, hubFromC, ct));
        var again = await FederationNodes.SyncAsync(c, cFromHub, ct);
        Assert.Equal((0L, 0L), (again.Stored, again.Rejected));
    }
}
