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
/// A sighting of another node's indicator goes back to the owner's node: reported on B without a distribution, it is
/// TLP:AMBER for the indicator's owner alone, reaches A on A's next pull, and shows on the indicator there — to its owner,
/// not to A's other organisations, and on B to nobody but its reporter. A distribution the reporter names is kept.
/// </summary>
public class SightingBackTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_OfAnotherNodesIndicator_GoesBackToItsOwnerAlone(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha", "Alder");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo", "Beta");
        var ct = TestContext.Current.CancellationToken;
        var (aOnB, bOnA) = await FederationNodes.ConnectBothAsync(a, b, "node-a", "node-b", ct);

        var indicator = Bundles.Indicator(name: "Seen on B", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, indicator);
        Assert.Null((await FederationNodes.SyncAsync(b, aOnB, ct)).Error);

        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        var back = await RecordAsync(bravo, new JsonObject { ["sighting_of"] = (string)indicator["id"]! }, ct);
        var kept = await RecordAsync(bravo, new JsonObject { ["sighting_of"] = (string)indicator["id"]!, ["tlp"] = "amber", ["scope"] = "owner" }, ct);

        // On B: the reporter reads its sighting, shared with the owner alone; B's other organisation does not.
        var onB = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{back}", ct);
        Assert.Equal(("AMBER", "recipients"), ((string?)onB!["tlp"], (string?)onB["scope"]));
        var beta = await b.Members.ClientAsync("Beta", Role.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/api/v1/objects/{back}", ct)).StatusCode);

        // A pulls B: the sighting shared back arrives; the one Bravo kept to itself does not.
        Assert.Null((await FederationNodes.SyncAsync(a, bOnA, ct)).Error);
        Assert.Equal((1L, 0L), await FederationNodes.TotalsAsync(a, bOnA, ct));
        var alpha = await a.Members.ClientAsync("Alpha", Role.Analyst);
        var seen = await SightingsAsync(alpha, (string)indicator["id"]!, 1, ct);
        Assert.Equal([back], seen!["sightings"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.DoesNotContain(kept, seen["sightings"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal(1L, (long)seen["totals"]!["sightings"]!);

        // A's other organisation reads the GREEN indicator, but not the sighting meant for its owner.
        var alder = await a.Members.ClientAsync("Alder", Role.Analyst);
        var alderSees = await alder.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{indicator["id"]}/sightings", ct);
        Assert.Empty(alderSees!["sightings"]!.AsArray());
        Assert.Equal(0L, (long)alderSees["totals"]!["sightings"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await alder.GetAsync($"/api/v1/objects/{back}", ct)).StatusCode);
    }

    /// <summary>The sightings table follows stored sightings in the background: wait (bounded) until it lists <paramref name="count"/>.</summary>
    private static async Task<JsonObject> SightingsAsync(HttpClient client, string id, int count, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var list = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{id}/sightings", ct))!;
            if (list["sightings"]!.AsArray().Count >= count || attempt == 600)
            {
                return list;
            }

            await Task.Delay(50, ct);
        }
    }

    private static async Task<string> RecordAsync(HttpClient client, JsonObject body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sightings", body, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return (string)recorded!["sightings"]![0]!["id"]!;
    }
}
