using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Taxii;

namespace Concord.IntegrationTests.Federation;

/// <summary>What the federation tests share: a node's settings (a name, 127.0.0.1 allowed) and pulling now through REST.</summary>
internal static class FederationNodes
{
    /// <summary>A node named <paramref name="nodeName"/> that may call 127.0.0.1 and pulls when a test asks (and once when a peer is connected), not on a timer.</summary>
    public static Dictionary<string, string?> Settings(string nodeName) => new()
    {
        ["Concord:Federation:NodeName"] = nodeName,
        ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
        ["Concord:Federation:PullInterval"] = "1.00:00:00",
    };

    /// <summary>Pulls <paramref name="peer"/> now as the node's admin; the answer must be 200.</summary>
    public static async Task<SyncReportJson> SyncAsync(TaxiiHarness node, Guid peer, CancellationToken ct)
    {
        var admin = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var response = await admin.PostAsync($"/api/v1/federation/peers/{peer}/sync", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SyncReportJson>(ct))!;
    }

    internal sealed record SyncReportJson(Guid PeerId, int Requests, long Stored, long Duplicates, long Rejected, string? Error);
}
