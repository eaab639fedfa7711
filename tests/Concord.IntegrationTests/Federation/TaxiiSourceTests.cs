using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Taxii;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// A TAXII 2.1 collection of a server that is not Concord — here one that pages as the OASIS reference server does (one
/// token for a whole pass, pages capped at 100 whatever the limit, the last page without 'next') — is pulled as a
/// source: every object arrives once, stored as the organisation the admin chose with the TLP and scope chosen, a pull
/// with nothing new is one request, and bad settings are named.
/// </summary>
public class TaxiiSourceTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnOutsideCollection_IsPulledWhole_AsItsOwnersRecords(Store store)
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { Next = NextKind.Session, PageCap = 100 }, 250, i => i / 5);
        await using var node = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo", "Beta");
        var ct = TestContext.Current.CancellationToken;
        var admin = await node.Members.ClientAsync("Bravo", Role.NodeAdmin);

        // Bad settings are named and change nothing.
        var noOwner = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.ToString(), kind = "taxii" }, ct);
        Assert.Equal("owner", (await Host.ProblemAssert.IsProblemAsync(noOwner, HttpStatusCode.BadRequest, "required")).GetProperty("field").GetString());
        var notACollection = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.GetLeftPart(UriPartial.Authority) + "/", kind = "taxii", owner = node.Members.OrgId("Bravo") }, ct);
        await Host.ProblemAssert.IsProblemAsync(notACollection, HttpStatusCode.BadRequest, "taxii-collection");
        var badTlp = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.ToString(), kind = "taxii", owner = node.Members.OrgId("Bravo"), tlp = "purple" }, ct);
        await Host.ProblemAssert.IsProblemAsync(badTlp, HttpStatusCode.BadRequest, "tlp-unknown");
        var relays = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.ToString(), kind = "taxii", owner = node.Members.OrgId("Bravo"), acceptRelays = true }, ct);
        await Host.ProblemAssert.IsProblemAsync(relays, HttpStatusCode.BadRequest, "concord-only");
        var ownerForANode = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.ToString(), owner = node.Members.OrgId("Bravo") }, ct);
        await Host.ProblemAssert.IsProblemAsync(ownerForANode, HttpStatusCode.BadRequest, "taxii-only");
        var unknownKind = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "vendor", url = server.Collection.ToString(), kind = "misp" }, ct);
        await Host.ProblemAssert.IsProblemAsync(unknownKind, HttpStatusCode.BadRequest, "kind-unknown");
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/v1/federation/peers/", ct))!);

        var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new
        {
            name = "vendor", url = server.Collection.ToString(), kind = "taxii", owner = node.Members.OrgId("Bravo"), tlp = "green", scope = "alliance",
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Null(body["keyForPeer"]);
        var peer = Guid.Parse((string)body["peer"]!["id"]!);
        Assert.Null((await FederationNodes.SyncAsync(node, peer, ct)).Error);

        var status = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct))!;
        Assert.Equal("taxii", (string?)status["kind"]);
        Assert.Equal((250L, 0L), ((long)status["status"]!["received"]!, (long)status["status"]!["rejected"]!));
        Assert.Equal("alliance", (string?)status["source"]!["scope"]);

        // Stored as Bravo's, GREEN (unmarked), for the alliance: Beta reads them too.
        var beta = await node.Members.ClientAsync("Beta", Role.Analyst);
        var first = await beta.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{server.Items[0].Id}", ct);
        Assert.Equal((node.Members.OrgId("Bravo").ToString(), "GREEN", "alliance"), ((string?)first!["owner"], (string?)first["tlp"], (string?)first["scope"]));

        // Nothing new: one request.
        var quiet = await FederationNodes.SyncAsync(node, peer, ct);
        Assert.Equal((1, 0L, (string?)null), (quiet.Requests, quiet.Stored, quiet.Error));
    }
}
