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
/// TLP:AMBER goes only to the nodes of its named recipients: node A's record for an organisation hosted on node B reaches
/// B, where only that organisation reads it; a node whose organisations are not named never gets it, not even relayed;
/// RED never leaves A; and when A takes a recipient off, B removes the record.
/// </summary>
public class RecipientTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Amber_ReachesOnlyTheNodesOfItsRecipients_ForThemAlone_AndIsNeverRelayed(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo", "Beta");
        await using var c = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-c"), "Charlie");
        var ct = TestContext.Current.CancellationToken;

        // A and B pull each other, as do A and C; C also pulls B and takes what B relays.
        var (aOnB, bOnA) = await FederationNodes.ConnectBothAsync(a, b, "node-a", "node-b", ct);
        var (aOnC, cOnA) = await FederationNodes.ConnectBothAsync(a, c, "node-a", "node-c", ct);
        var (bOnC, _) = await FederationNodes.ConnectAsync(b, c, ct, "node-b", "node-c-from-b", relaysOnB: true);
        Assert.Null((await FederationNodes.SyncAsync(a, bOnA, ct)).Error);
        Assert.Null((await FederationNodes.SyncAsync(a, cOnA, ct)).Error);

        var alpha = await a.Members.ClientAsync("Alpha", Role.Analyst);
        var onA = (await alpha.GetFromJsonAsync<JsonArray>("/api/v1/organisations/", ct))!.ToDictionary(o => (string)o!["name"]!, o => Guid.Parse((string)o!["id"]!));
        var forBravo = Bundles.Indicator(name: "Amber for Bravo", tlp: Tlp.Amber);
        var forBravoAndCharlie = Bundles.Indicator(name: "Amber for Bravo and Charlie", tlp: Tlp.Amber);
        var redForBravo = Bundles.Indicator(name: "Red for Bravo", tlp: Tlp.Red);
        var strictForBeta = Bundles.Indicator(name: "Amber+strict for Beta", tlp: Tlp.AmberStrict);
        await a.SeedAsync("Alpha", Recipients(onA["Bravo (node-b)"]), forBravo, redForBravo);
        await a.SeedAsync("Alpha", Recipients(onA["Bravo (node-b)"], onA["Charlie (node-c)"]), forBravoAndCharlie);
        await a.SeedAsync("Alpha", Recipients(onA["Beta (node-b)"]), strictForBeta);

        Assert.Null((await FederationNodes.SyncAsync(b, aOnB, ct)).Error);
        Assert.Equal((3L, 0L), await FederationNodes.TotalsAsync(b, aOnB, ct));
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        var beta = await b.Members.ClientAsync("Beta", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{forBravo["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{forBravoAndCharlie["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/api/v1/objects/{forBravo["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await beta.GetAsync($"/api/v1/objects/{strictForBeta["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{strictForBeta["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{redForBravo["id"]}", ct)).StatusCode);

        // On B, the record names only B's organisations: Charlie, hosted elsewhere, is not B's business.
        var onB = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{forBravoAndCharlie["id"]}", ct);
        Assert.Equal("recipients", (string?)onB!["scope"]);
        Assert.Equal("AMBER", (string?)onB["tlp"]);

        // C gets from A only what names Charlie; from B (which relays) nothing of A's AMBER, not even sent.
        Assert.Null((await FederationNodes.SyncAsync(c, aOnC, ct)).Error);
        Assert.Null((await FederationNodes.SyncAsync(c, bOnC, ct)).Error);
        Assert.Equal((1L, 0L), await FederationNodes.TotalsAsync(c, aOnC, ct));
        Assert.Equal((0L, 0L), await FederationNodes.TotalsAsync(c, bOnC, ct));
        var charlie = await c.Members.ClientAsync("Charlie", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await charlie.GetAsync($"/api/v1/objects/{forBravoAndCharlie["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await charlie.GetAsync($"/api/v1/objects/{forBravo["id"]}", ct)).StatusCode);

        // Alpha takes Bravo off: B removes the record; Charlie keeps it.
        var narrowed = forBravoAndCharlie.DeepClone().AsObject();
        narrowed["modified"] = "2026-02-01T00:00:00.000Z";
        await a.SeedAsync("Alpha", Recipients(onA["Charlie (node-c)"]), narrowed);
        Assert.Equal(1L, (await FederationNodes.SyncAsync(b, aOnB, ct)).Withdrawn);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{forBravoAndCharlie["id"]}", ct)).StatusCode);
        Assert.Null((await FederationNodes.SyncAsync(c, aOnC, ct)).Error);
        var latest = await charlie.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{forBravoAndCharlie["id"]}", ct);
        Assert.Equal("2026-02-01T00:00:00.000Z", (string?)latest!["object"]!["modified"]);
    }

    private static ImportOptions Recipients(params Guid[] organisations) => new() { Scope = Scope.Recipients, Recipients = organisations };
}
