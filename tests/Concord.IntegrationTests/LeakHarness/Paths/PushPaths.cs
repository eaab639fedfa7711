using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Taxii;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Federation's push to a TAXII destination: a destination connected by the node admin and pushed now over real HTTP
/// receives exactly what the peer node bound to no node may read — the one principal a push reads as — and nothing
/// else (no decoy, no AMBER, no record of a sharing group or named recipients). Other readers are not served by it.
/// </summary>
internal sealed class PushPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "federation push";

    /// <summary>No GET route: the node sends, over the TAXII client.</summary>
    public IReadOnlyList<string> Routes { get; } = [];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        if (reader is not { Kind: PrincipalKind.PeerNode, Organisation: null })
        {
            return;
        }

        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks(), 0, i => i);
        var admin = await world.Alliance.ClientAsync(LeakWorld.Other, Role.NodeAdmin);
        using var created = await admin.PostAsJsonAsync("/api/v1/federation/peers/", new { name = $"leak-push-{Guid.NewGuid():N}", url = server.Collection.ToString(), kind = "taxii-push" }, Ct);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            report.Add(reader, $"connecting a push destination answered {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(Ct)}");
            return;
        }

        var peer = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["peer"]!["id"]!;
        try
        {
            using var sync = await admin.PostAsync($"/api/v1/federation/peers/{peer}/sync", null, Ct);
            var answer = await sync.Content.ReadAsStringAsync(Ct);
            if (sync.StatusCode != HttpStatusCode.OK || (await sync.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"] is not null)
            {
                report.Add(reader, $"pushing answered {(int)sync.StatusCode} {answer}");
                return;
            }

            var pushed = server.Added.Keys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var record in world.Records)
            {
                report.Sees(reader, record, "pushed", world.MayRead(reader, record), pushed.Contains(record.Id));
            }

            foreach (var id in pushed.Where(id => !world.Records.Any(r => r.Id == id)))
            {
                report.Add(reader, $"{id} was pushed but is no record of the fixture");
            }
        }
        finally
        {
            using var _ = await admin.PostAsync($"/api/v1/federation/peers/{peer}/disconnect", null, Ct);
        }
    }
}
