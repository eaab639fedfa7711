using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Taxii;
using Concord.Notifications.Features.FanOut;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// A node tells the node it pulls from which of that node's records it refused: the report shows on the peer's status
/// there and its node administrators are notified; only a connected peer node may report, bad reports are refused by
/// field and change nothing.
/// </summary>
public class RefusalTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APeersReport_OfRefusedRecords_ShowsOnItsStatus_AndTellsTheNodeAdmins(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var (_, keyForB) = await FederationNodes.ConnectAsync(a, b, ct);
        var alpha = await a.Members.ClientAsync("Alpha", Role.NodeAdmin);
        var bOnA = (string)(await alpha.GetFromJsonAsync<JsonArray>("/api/v1/federation/peers/", ct))!.Single(p => (string?)p!["name"] == "node-b")!["id"]!;

        // B reads A with the key A issued for it: that key reports.
        using var asB = a.Node.CreateClient();
        asB.DefaultRequestHeaders.Authorization = new("Bearer", keyForB);
        var url = "/api/v1/federation/refusals";

        // Bad reports: named by field, nothing kept.
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { refusals = Array.Empty<object>() }, "refusals"),
            (new { refusals = new[] { new { id = "indicator--1", rule = "", message = "why" } } }, "refusals[0].rule"),
            (new { refusals = new[] { new { id = "indicator--1", rule = "tlp", message = "" } } }, "refusals[0].message"),
            (new { refusals = Enumerable.Range(0, 501).Select(i => new { id = $"indicator--{i}", rule = "tlp", message = "why" }) }, "refusals"),
        })
        {
            using var bad = await asB.PostAsJsonAsync(url, body, ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(field, await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        // A member of A may not report as if it were a node.
        using (var member = await alpha.PostAsJsonAsync(url, new { refusals = new[] { new { id = "indicator--1", rule = "tlp", message = "why" } } }, ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        }

        using var ok = await asB.PostAsJsonAsync(url, new
        {
            refusals = new[]
            {
                new { id = "indicator--6f8e0b1e-8f4c-4d36-9d0e-3f1a8b2c4d5e", rule = "foreign-owner", message = "It claims an organisation node-a does not host." },
                new { id = "indicator--7a9f1c2d-0e3b-4c5d-8e6f-1a2b3c4d5e6f", rule = "tlp", message = "TLP:AMBER without recipients here." },
            },
        }, ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, (int)(await ok.Content.ReadFromJsonAsync<JsonObject>(ct))!["accepted"]!);

        var status = (await alpha.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{bOnA}", ct))!;
        Assert.Equal(2, (long)status["status"]!["refusedThere"]!);
        Assert.Equal(["tlp", "foreign-owner"], status["refusedThere"]!.AsArray().Select(r => (string)r!["rule"]!));
        Assert.Empty(status["rejections"]!.AsArray());

        // Node admins are told; an analyst is not.
        await a.Node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(ct);
        var notices = (await alpha.GetFromJsonAsync<JsonArray>("/api/v1/me/notifications?limit=50", ct))!.Where(n => (string?)n!["kind"] == "federation-refusals").ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("node-b refused 2 of this node's records", (string?)notice!["title"]);
        Assert.Contains("foreign-owner", (string?)notice["text"], StringComparison.Ordinal);
        var analyst = await a.Members.ClientAsync("Alpha", Role.Analyst);
        Assert.DoesNotContain((await analyst.GetFromJsonAsync<JsonArray>("/api/v1/me/notifications?limit=50", ct))!, n => (string?)n!["kind"] == "federation-refusals");
    }
}
