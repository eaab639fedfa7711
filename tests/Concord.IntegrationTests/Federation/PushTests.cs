using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// A node pushes to TAXII 2.1 collections of other servers: exactly what a connected node may read here (TLP:GREEN shared
/// with connected nodes, TLP:CLEAR public) arrives there — never what is AMBER, RED, the owner's only or the alliance's
/// only — without anyone asking, as it is stored; an object the server refuses is on the destination's status with the
/// server's message and the rest go on; a deletion goes out as a TAXII DELETE, and a server that does not delete is
/// reported once, not asked again; a paused destination gets nothing; a restarted pusher sends nothing twice.
/// </summary>
public class PushTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnOutsideServer_ReceivesWhatConnectedNodesMayRead_AsItIsStored_WithRefusalsAndDeletionsReported(Store store)
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { PendingPolls = 2 }, 0, i => i);
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        var admin = await a.Members.ClientAsync("Alpha", Role.NodeAdmin);

        var green = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        var clear = Bundles.Indicator(name: "Public", tlp: Tlp.Clear);
        var allianceOnly = Bundles.Indicator(name: "Alliance only", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber", tlp: Tlp.Amber);
        var red = Bundles.Indicator(name: "Red", tlp: Tlp.Red);
        var refused = Bundles.Indicator(name: "Refused there", tlp: Tlp.Green);
        refused["x_quirky_refuse"] = true;
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, green, refused);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Public }, clear);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, allianceOnly);
        await a.SeedAsync("Alpha", amber);
        await a.SeedAsync("Alpha", red);

        // Bad settings are named and change nothing.
        var owner = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "siem", url = server.Collection.ToString(), kind = "taxii-push", owner = a.Members.OrgId("Alpha") }, Ct);
        Assert.Equal("owner", (await Host.ProblemAssert.IsProblemAsync(owner, HttpStatusCode.BadRequest, "taxii-only")).GetProperty("field").GetString());
        var notACollection = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "siem", url = server.Collection.GetLeftPart(UriPartial.Authority) + "/", kind = "taxii-push" }, Ct);
        await Host.ProblemAssert.IsProblemAsync(notACollection, HttpStatusCode.BadRequest, "taxii-collection");
        var relays = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "siem", url = server.Collection.ToString(), kind = "taxii-push", acceptRelays = true }, Ct);
        await Host.ProblemAssert.IsProblemAsync(relays, HttpStatusCode.BadRequest, "concord-only");
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/v1/federation/peers/", Ct))!);

        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "siem", url = server.Collection.ToString(), kind = "taxii-push", key = "user:secret" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Null(body["keyForPeer"]);
        Assert.Null(body["peer"]!["inboundPeerNodeId"]);
        var peer = Guid.Parse((string)body["peer"]!["id"]!);

        // Pushed by the running node, nobody asking: GREEN for connected nodes and CLEAR, nothing narrower; the refused one reported.
        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["failed"] == 1, "the first push");
        Assert.Equal(new[] { (string)clear["id"]!, (string)green["id"]! }.Order(), server.Added.Keys.Select(k => k.Id).Order());
        var status = await StatusAsync(admin, peer);
        Assert.Equal("taxii-push", (string?)status["kind"]);
        Assert.Equal((2L, 1L), ((long)status["push"]!["pushed"]!, (long)status["push"]!["failed"]!));
        var rejection = status["rejections"]!.AsArray().Single()!;
        Assert.Equal((string?)refused["id"], (string?)rejection["objectId"]);
        Assert.Contains("refused by this server's policy", (string)rejection["message"]!, StringComparison.Ordinal);
        Assert.Null(status["status"]!["lastError"]);

        // A new record arrives by itself; a deletion goes out as a DELETE of that version.
        var later = Bundles.Indicator(name: "Later", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, later);
        await UntilAsync(() => Task.FromResult(server.Added.Keys.Any(k => k.Id == (string)later["id"]!)), "the new record at the destination");
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IIntelStore>().DeleteAsync(await a.PrincipalAsync("Alpha", Role.Analyst), (string)green["id"]!, Ct)).IsSuccess);
        }

        await UntilAsync(() => Task.FromResult(!server.Added.Keys.Any(k => k.Id == (string)green["id"]!)), "the deletion at the destination");
        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["deleted"] == 1, "the deletion on the push's status");
        Assert.Equal(2, server.Added.Count);

        // Audited as the push it was (ids and counts only).
        var audit = await admin.GetStringAsync("/api/v1/audit?action=federation.push", Ct);
        Assert.Contains("pushed", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Later", audit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AServerThatDoesNotDelete_IsReportedOnce_APausedOneGetsNothing_AndARestartSendsNothingTwice(Store store)
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { DeleteStatus = 405 }, 0, i => i);
        await using var witness = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks(), 0, i => i);
        var settings = FederationNodes.Settings("node-a");
        settings["Concord:Federation:PushPageSize"] = "2";
        await using var a = await TaxiiHarness.StartAsync(store, settings, "Alpha");
        var admin = await a.Members.ClientAsync("Alpha", Role.NodeAdmin);
        var objects = Enumerable.Range(0, 5).Select(i => (JsonNode)Bundles.Indicator(name: $"Shared {i}", tlp: Tlp.Green)).ToArray();
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, objects);

        var peer = await ConnectAsync(admin, "no-delete", server);
        var witnessPeer = await ConnectAsync(admin, "witness", witness);
        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["pushed"] == 5 && (long?)(await StatusAsync(admin, witnessPeer))["push"]?["pushed"] == 5, "the first pushes");
        Assert.Equal(3, server.AddRequests);

        // Two deletions: the server refuses the first DELETE, and is not asked again — for the second, nor on later pushes.
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            var intel = scope.ServiceProvider.GetRequiredService<IIntelStore>();
            var alpha = await a.PrincipalAsync("Alpha", Role.Analyst);
            Assert.True((await intel.DeleteAsync(alpha, (string)objects[0]["id"]!, Ct)).IsSuccess);
            Assert.True((await intel.DeleteAsync(alpha, (string)objects[1]["id"]!, Ct)).IsSuccess);
        }

        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["notDeleted"] == 2 && witness.Added.Count == 3, "the deletions");
        Assert.Equal(1, server.DeleteRequests);
        Assert.Null((await FederationNodes.SyncAsync(a, peer, Ct)).Error);
        Assert.Equal(1, server.DeleteRequests);
        Assert.Equal(5, server.Added.Count);

        // Paused, it gets nothing while the witness, pushed in the same rounds, does.
        var paused = await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{peer}", new { paused = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var whilePaused = Bundles.Indicator(name: "While paused", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, whilePaused);
        await UntilAsync(() => Task.FromResult(witness.Added.Keys.Any(k => k.Id == (string)whilePaused["id"]!)), "the record at the witness");
        Assert.DoesNotContain(server.Added.Keys, k => k.Id == (string)whilePaused["id"]!);
        var refusedSync = await admin.PostAsync($"/api/v1/federation/peers/{peer}/sync", null, Ct);
        await Host.ProblemAssert.IsProblemAsync(refusedSync, HttpStatusCode.Conflict, "peer-paused");

        // Resumed, it gets what it missed, from its cursor: one more request, one more object.
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{peer}", new { paused = false }, Ct)).StatusCode);
        await UntilAsync(() => Task.FromResult(server.Added.Keys.Any(k => k.Id == (string)whilePaused["id"]!)), "the record after resuming");
        Assert.Equal(4, server.AddRequests);

        // A restarted pusher (a new push service over the persisted cursors) pushes at once, and sends nothing already confirmed.
        var attempted = (string?)(await StatusAsync(admin, peer))["status"]!["lastAttemptAt"];
        var restarted = ActivatorUtilities.CreateInstance<Concord.Federation.Features.Push.PushService>(a.Node.Services);
        await restarted.StartAsync(Ct);
        await UntilAsync(async () => (string?)(await StatusAsync(admin, peer))["status"]!["lastAttemptAt"] != attempted, "a push by the restarted service");
        await restarted.StopAsync(Ct);
        restarted.Dispose();
        Assert.Equal(4, server.AddRequests);
        Assert.Equal(6L, (long)(await StatusAsync(admin, peer))["push"]!["pushed"]!);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnotherConcordNode_ReceivesThePush_AsAPlainTaxiiServer_IntoAUsersCollection(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var green = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber", tlp: Tlp.Amber);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, green);
        await a.SeedAsync("Alpha", amber);

        // Bravo's analyst key at B: what A pushes is stored there as Bravo's.
        var key = await b.Members.ApiKeyAsync("Bravo", Role.Analyst);
        var admin = await a.Members.ClientAsync("Alpha", Role.NodeAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-b-taxii", url = new Uri(b.Node.BaseAddress, TaxiiHarness.All).ToString(), kind = "taxii-push", key }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var peer = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["peer"]!["id"]!);

        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        await UntilAsync(async () => (await bravo.GetAsync($"/api/v1/objects/{green["id"]}", Ct)).StatusCode == HttpStatusCode.OK, "the record on node B");
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{amber["id"]}", Ct)).StatusCode);
        var stored = (await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{green["id"]}", Ct))!;
        Assert.Equal(b.Members.OrgId("Bravo").ToString(), (string?)stored["owner"]);

        // Sent again (a push killed before its cursor moved): B holds the version once, and it counts as pushed, not failed.
        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["pushed"] == 1, "the push's status");
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Concord.Federation.Data.FederationDbContext>();
            await db.Peers.Where(p => p.Id == peer).ExecuteUpdateAsync(u => u.SetProperty(p => p.PushAfterSequence, (long?)null), Ct);
        }

        var again = await FederationNodes.SyncAsync(a, peer, Ct);
        Assert.Equal((1L, 0L, (string?)null), (again.Stored, again.Rejected, again.Error));
        var versions = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{green["id"]}/versions", Ct);
        Assert.Single(versions!["versions"]!.AsArray());

        // Deleted on A: deleted on B (Bravo's copy there), through TAXII's DELETE.
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IIntelStore>().DeleteAsync(await a.PrincipalAsync("Alpha", Role.Analyst), (string)green["id"]!, Ct)).IsSuccess);
        }

        await UntilAsync(async () => (await bravo.GetAsync($"/api/v1/objects/{green["id"]}", Ct)).StatusCode == HttpStatusCode.NotFound, "the deletion on node B");
        await UntilAsync(async () => (long?)(await StatusAsync(admin, peer))["push"]?["deleted"] == 1, "the deletion on the push's status");
        var status = await StatusAsync(admin, peer);
        Assert.Equal((2L, 0L, 1L), ((long)status["push"]!["pushed"]!, (long)status["push"]!["failed"]!, (long)status["push"]!["deleted"]!));
    }

    private static async Task<Guid> ConnectAsync(HttpClient admin, string name, QuirkyTaxiiServer server)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name, url = server.Collection.ToString(), kind = "taxii-push" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["peer"]!["id"]!);
    }

    private static async Task<JsonObject> StatusAsync(HttpClient admin, Guid peer) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", Ct))!;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300 && !await condition(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(await condition(), $"waited 30 s for {what}");
    }
}
