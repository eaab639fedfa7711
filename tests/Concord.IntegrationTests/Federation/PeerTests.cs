using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// Connecting peers (node admins only, clear errors, nothing changed on bad input), what a peer's key may read, and a
/// peer that sends what it may not: objects of organisations it does not host, records that were never to leave their
/// node, and an invalid object. Each is refused with its reason on the peer's status; the valid object is stored.
/// </summary>
public class PeerTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Peers_AreForNodeAdmins_AndBadInputIsNamed_AndChangesNothing(Store store)
    {
        await using var node = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var analyst = await node.Members.ClientAsync("Bravo", Role.Analyst);
        var admin = await node.Members.ClientAsync("Bravo", Role.NodeAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/federation/peers/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "x", url = "https://x.example/" }, ct)).StatusCode);

        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { url = "https://x.example/" }, ct), HttpStatusCode.BadRequest, "required", "name");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-x", url = "ftp://x.example/" }, ct), HttpStatusCode.BadRequest, "absolute-http-url", "url");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-x", url = "https://user:pw@x.example/" }, ct), HttpStatusCode.BadRequest, "plain-url", "url");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-x", url = "https://x.example/", key = "too short" }, ct), HttpStatusCode.BadRequest, "key-format", "key");
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/v1/federation/peers/", ct))!);

        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-x", url = "https://x.example/base" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connected = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        var id = (string)connected["peer"]!["id"]!;
        Assert.Equal("https://x.example/base/", (string?)connected["peer"]!["url"]);
        Assert.False((bool)connected["peer"]!["hasKey"]!);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-x", url = "https://y.example/" }, ct), HttpStatusCode.Conflict, "peer-name-taken", "name");

        // Without the peer's key there is nothing to pull with: said so, and nothing is tried.
        var sync = await admin.PostAsync($"/api/v1/federation/peers/{id}/sync", null, ct);
        await ProblemAsync(sync, HttpStatusCode.Conflict, "peer-key-missing", "key");
        await ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/federation/peers/{id}/key", new { key = "a b" }, ct), HttpStatusCode.BadRequest, "key-format", "key");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/federation/peers/{Guid.NewGuid()}", ct)).StatusCode);

        // The key issued for the peer reads the node's description, not its administration.
        var peer = node.Node.CreateClient();
        peer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)connected["keyForPeer"]!);
        var description = await peer.GetFromJsonAsync<JsonObject>("/api/v1/federation/node", ct);
        Assert.Equal("node-b", (string?)description!["name"]);
        Assert.StartsWith("/taxii2/concord/collections/", (string?)description["collection"], StringComparison.Ordinal);
        Assert.Equal(["Bravo"], description["organisations"]!.AsArray().Select(o => (string?)o!["name"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await peer.GetAsync("/api/v1/federation/peers/", ct)).StatusCode);

        // Disconnected: its key stops working at once.
        var disconnected = await admin.PostAsync($"/api/v1/federation/peers/{id}/disconnect", null, ct);
        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        Assert.False((bool)(await disconnected.Content.ReadFromJsonAsync<JsonObject>(ct))!["enabled"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await peer.GetAsync("/api/v1/federation/node", ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APeerThatSendsWhatItMayNot_IsRefusedObjectByObject_WithTheReasonOnItsStatus(Store store)
    {
        await using var node = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var evilNode = Guid.NewGuid();
        var hosted = Guid.NewGuid();
        var otherNode = Guid.NewGuid();
        var otherOrg = Guid.NewGuid();
        var good = Bundles.Indicator(name: "From an organisation the peer hosts", tlp: Tlp.Green);
        var foreign = Bundles.Indicator(name: "Claims another node's organisation", tlp: Tlp.Green);
        var narrow = Bundles.Indicator(name: "Was never to leave its node", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber", tlp: Tlp.Amber);
        var invalid = Bundles.Indicator(name: "No pattern", tlp: Tlp.Green);
        invalid.Remove("pattern");
        object[] records =
        [
            new { owner = $"{evilNode}/{hosted}", tlp = "green", scope = "connected-nodes" },
            new { owner = $"{otherNode}/{otherOrg}", tlp = "green", scope = "connected-nodes" },
            new { owner = $"{evilNode}/{hosted}", tlp = "green", scope = "alliance" },
            new { owner = $"{evilNode}/{hosted}", tlp = "amber", scope = "connected-nodes" },
            new { owner = $"{evilNode}/{hosted}", tlp = "green", scope = "connected-nodes" },
        ];
        var organisations = new JsonObject
        {
            [$"{evilNode}/{hosted}"] = Org(evilNode, hosted, "Hosted CERT"),
        };
        organisations[$"{otherNode}/{otherOrg}"] = Org(otherNode, otherOrg, "Someone else's CERT");

        // Its withdrawals: one of another node's organisation's record, one of a kind nobody knows, one of a record this
        // node never held (nothing to do, nothing refused).
        var withdrawals = JsonSerializerNode(new object[]
        {
            new { id = (string)good["id"]!, owner = $"{otherNode}/{otherOrg}", kind = "deleted", versionUs = 1 },
            new { id = (string)good["id"]!, owner = $"{evilNode}/{hosted}", kind = "obliterated", versionUs = 1 },
            new { id = Bundles.NewId(), owner = $"{evilNode}/{hosted}", kind = "deleted", versionUs = 1 },
        });
        await using var peer = await FakePeerAsync(evilNode, hosted, new JsonObject
        {
            ["objects"] = new JsonArray(good.DeepClone(), foreign.DeepClone(), narrow.DeepClone(), amber.DeepClone(), invalid.DeepClone()),
            ["x_concord_records"] = JsonSerializerNode(records),
            ["x_concord_organisations"] = organisations,
        }, withdrawals);

        var admin = await node.Members.ClientAsync("Bravo", Role.NodeAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "evil", url = peer.Url, key = "ck_evilnode_0123456789abcdef" }, ct);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["peer"]!["id"]!;
        var report = await FederationNodes.SyncAsync(node, Guid.Parse(id), ct);
        Assert.Null(report.Error);

        var bravo = await node.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{good["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{good["id"]}?version=2026-01-01T00:00:00.000Z", ct)).StatusCode);
        foreach (var refused in new[] { foreign, narrow, amber, invalid })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{refused["id"]}", ct)).StatusCode);
        }

        var status = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{id}", ct))!;
        var rejections = status["rejections"]!.AsArray().Where(r => (string?)r!["objectId"] != (string)good["id"]!).ToDictionary(r => (string)r!["objectId"]!, r => (Rule: (string)r!["rule"]!, Message: (string)r["message"]!));
        Assert.Equal("foreign-owner", rejections[(string)foreign["id"]!].Rule);
        Assert.Contains("does not host", rejections[(string)foreign["id"]!].Message, StringComparison.Ordinal);
        Assert.Equal("scope", rejections[(string)narrow["id"]!].Rule);
        Assert.Equal("tlp", rejections[(string)amber["id"]!].Rule);
        Assert.Contains("pattern", rejections[(string)invalid["id"]!].Message, StringComparison.Ordinal);
        var withdrawalRules = status["rejections"]!.AsArray().Where(r => (string?)r!["objectId"] == (string)good["id"]!).Select(r => (string)r!["rule"]!).Order();
        Assert.Equal(["foreign-owner", "withdrawal"], withdrawalRules);
        Assert.Equal(6, (long)status["status"]!["rejected"]!);
        Assert.Equal(1, (long)status["status"]!["received"]!);
        Assert.Equal(0, (long)status["status"]!["withdrawn"]!);

        // The peer was told what was refused of its records, and why; a pull with nothing new tells it nothing again.
        var report1 = Assert.Single(peer.Told);
        var toldRules = report1["refusals"]!.AsArray().Select(r => ((string?)r!["id"], (string)r["rule"]!, (string)r["message"]!)).ToList();
        Assert.Equal(status["rejections"]!.AsArray().Select(r => ((string?)r!["objectId"], (string)r["rule"]!, (string)r["message"]!)).OrderBy(r => r.ToString()), toldRules.OrderBy(r => r.ToString()));
        Assert.Null((await FederationNodes.SyncAsync(node, Guid.Parse(id), ct)).Error);
        Assert.Single(peer.Told);

        // The peer's organisation appears here under its node's name; the one it claimed for another node does not.
        var names = (await bravo.GetFromJsonAsync<JsonArray>("/api/v1/organisations/", ct))!.Select(o => (string?)o!["name"]).ToList();
        Assert.Contains("Hosted CERT (evil-node)", names);
        Assert.DoesNotContain(names, n => n!.StartsWith("Someone else", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APeerTrustedToRelay_MustNameThePathFromTheHome_AndWithdrawsWhatItRelayed(Store store)
    {
        await using var node = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var admin = await node.Members.ClientAsync("Bravo", Role.NodeAdmin);
        var self = Guid.Parse((string)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/federation/node", ct))!["nodeId"]!);
        var hub = Guid.NewGuid();
        var hosted = Guid.NewGuid();
        var home = Guid.NewGuid();
        var homeOrg = Guid.NewGuid();
        var relayed = Bundles.Indicator(name: "Relayed with its path", tlp: Tlp.Green);
        var noPath = Bundles.Indicator(name: "Relayed without a path", tlp: Tlp.Green);
        var wrongStart = Bundles.Indicator(name: "A path that does not start at home", tlp: Tlp.Green);
        var backHere = Bundles.Indicator(name: "Passed through this node before", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber is never relayed", tlp: Tlp.Amber);
        var owner = $"{home}/{homeOrg}";
        object[] Path(params Guid[] nodes) => [.. nodes.Select(n => new { node = n, node_name = n == home ? "node-o" : "somewhere" })];
        object[] records =
        [
            new { owner, tlp = "green", scope = "connected-nodes", path = Path(home) },
            new { owner, tlp = "green", scope = "connected-nodes" },
            new { owner, tlp = "green", scope = "connected-nodes", path = Path(Guid.NewGuid(), home) },
            new { owner, tlp = "green", scope = "connected-nodes", path = Path(home, self) },
            new { owner, tlp = "amber", scope = "connected-nodes", path = Path(home) },
        ];
        var organisations = new JsonObject { [owner] = Org(home, homeOrg, "Relayed CERT") };
        organisations[owner]!["node_name"] = "node-o";

        // It withdraws the copy it relayed (applied), and one this node never had from it (nothing to do, nothing refused).
        var versionUs = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1000;
        var withdrawals = JsonSerializerNode(new object[]
        {
            new { id = (string)relayed["id"]!, owner, kind = "deleted", versionUs },
            new { id = (string)backHere["id"]!, owner, kind = "deleted", versionUs },
        });
        await using var peer = await FakePeerAsync(hub, hosted, new JsonObject
        {
            ["objects"] = new JsonArray(relayed.DeepClone(), noPath.DeepClone(), wrongStart.DeepClone(), backHere.DeepClone(), amber.DeepClone()),
            ["x_concord_records"] = JsonSerializerNode(records),
            ["x_concord_organisations"] = organisations,
        }, withdrawals);

        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "hub", url = peer.Url, key = "ck_hubnode_0123456789abcdef", acceptRelays = true }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["peer"]!["id"]!;
        Assert.Null((await FederationNodes.SyncAsync(node, Guid.Parse(id), ct)).Error);

        var status = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{id}", ct))!;
        Assert.True((bool)status["acceptRelays"]!);
        Assert.Equal((1L, 1L, 3L), ((long)status["status"]!["received"]!, (long)status["status"]!["withdrawn"]!, (long)status["status"]!["rejected"]!));
        var rules = status["rejections"]!.AsArray().ToDictionary(r => (string)r!["objectId"]!, r => (string)r!["rule"]!);
        Assert.Equal("provenance", rules[(string)noPath["id"]!]);
        Assert.Equal("provenance", rules[(string)wrongStart["id"]!]);
        Assert.Equal("tlp", rules[(string)amber["id"]!]);
        Assert.False(rules.ContainsKey((string)backHere["id"]!));
        var bravo = await node.Members.ClientAsync("Bravo", Role.Analyst);
        foreach (var gone in new[] { relayed, noPath, wrongStart, backHere, amber })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{gone["id"]}", ct)).StatusCode);
        }

        // Relays refused again: the same page's relayed record is refused as another node's, by name.
        var refuse = await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{id}", new { acceptRelays = false }, ct);
        Assert.False((bool)(await refuse.Content.ReadFromJsonAsync<JsonObject>(ct))!["acceptRelays"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{id}", new { }, ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APausedPeer_IsNotPulled_UntilResumed(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var (peer, _) = await FederationNodes.ConnectAsync(a, b, ct);
        Assert.Null((await FederationNodes.SyncAsync(b, peer, ct)).Error);
        var admin = await b.Members.ClientAsync("Bravo", Role.NodeAdmin);
        var paused = await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{peer}", new { paused = true }, ct);
        Assert.True((bool)(await paused.Content.ReadFromJsonAsync<JsonObject>(ct))!["paused"]!);

        var later = Bundles.Indicator(name: "Shared while paused", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, later);
        await ProblemAsync(await admin.PostAsync($"/api/v1/federation/peers/{peer}/sync", null, ct), HttpStatusCode.Conflict, "peer-paused");
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{later["id"]}", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/federation/peers/{peer}", new { paused = false }, ct)).StatusCode);
        Assert.Null((await FederationNodes.SyncAsync(b, peer, ct)).Error);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{later["id"]}", ct)).StatusCode);
        var status = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct))!;
        Assert.Equal(0d, (double)status["status"]!["lagSeconds"]!);
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string rule, string? field = null)
    {
        var problem = await Host.ProblemAssert.IsProblemAsync(response, status, rule);
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    private static JsonObject Org(Guid node, Guid id, string name) => new()
    {
        ["node"] = node.ToString(), ["node_name"] = "evil-node", ["id"] = id.ToString(), ["name"] = name,
        ["country"] = "FI", ["type"] = "government-agency",
    };

    private static JsonNode JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;

    /// <summary>A node that answers the handshake, one page of its collection and its withdrawals exactly as given: an adversary, not Concord.</summary>
    private static async Task<FakePeer> FakePeerAsync(Guid nodeId, Guid hosted, JsonObject page, JsonNode withdrawals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/v1/federation/node", () => Results.Json(new
        {
            nodeId, name = "evil-node", collection = "/taxii2/r/collections/c/",
            organisations = new[] { new { id = hosted, name = "Hosted CERT", country = "FI", type = "government-agency" } },
        }));
        app.MapGet("/taxii2/r/collections/c/objects/", (HttpContext http) =>
        {
            http.Response.Headers["X-TAXII-Date-Added-First"] = "2026-11-01T09:00:00.000000Z";
            http.Response.Headers["X-TAXII-Date-Added-Last"] = "2026-11-01T09:00:00.000000Z";
            var body = string.IsNullOrEmpty(http.Request.Query["added_after"]) ? page.ToJsonString() : "{}";
            return Results.Text(body, "application/taxii+json;version=2.1");
        });
        var told = new System.Collections.Concurrent.ConcurrentQueue<JsonObject>();
        app.MapPost("/api/v1/federation/refusals", async (HttpContext http) =>
        {
            told.Enqueue((await JsonNode.ParseAsync(http.Request.Body))!.AsObject());
            return Results.Json(new { accepted = 1 });
        });
        app.MapGet("/api/v1/federation/withdrawals", (HttpContext http) => (string?)http.Request.Query["after"] == "1"
            ? Results.Json(new { position = 2, more = false, withdrawals })
            : Results.Json(new { position = string.IsNullOrEmpty(http.Request.Query["after"]) ? 1 : 2, more = false, withdrawals = Array.Empty<object>() }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakePeer(app, address + "/", told);
    }

    /// <summary>The fake node, and the reports of refusals it was told (<c>POST /api/v1/federation/refusals</c>).</summary>
    private sealed record FakePeer(WebApplication App, string Url, System.Collections.Concurrent.ConcurrentQueue<JsonObject> Told) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
