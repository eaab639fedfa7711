using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Taxii;

namespace Concord.IntegrationTests.Federation;

/// <summary>What the federation tests share: a node's settings (a name, 127.0.0.1 allowed) and pulling now through REST.</summary>
internal static class FederationNodes
{
    /// <summary>
    /// A node named <paramref name="nodeName"/> that may call 127.0.0.1 and pulls when a test asks (and once when a peer
    /// is connected), not on a timer nor when its peer changes (unless <paramref name="watch"/>).
    /// </summary>
    public static Dictionary<string, string?> Settings(string nodeName, bool watch = false) => new()
    {
        ["Concord:Federation:NodeName"] = nodeName,
        ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
        ["Concord:Federation:PullInterval"] = "1.00:00:00",
        ["Concord:Federation:Watch"] = watch ? "true" : "false",
    };

    /// <summary>Pulls <paramref name="peer"/> now as the node's admin; the answer must be 200.</summary>
    public static async Task<SyncReportJson> SyncAsync(TaxiiHarness node, Guid peer, CancellationToken ct)
    {
        var admin = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var response = await admin.PostAsync($"/api/v1/federation/peers/{peer}/sync", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SyncReportJson>(ct))!;
    }

    /// <summary>
    /// Node A registers B (its key for B) and B connects A with that key, A named <paramref name="nameOfA"/> on B and B
    /// <paramref name="nameOfB"/> on A; with <paramref name="relaysOnB"/>, B takes what A relays. Returns B's peer id for A, and the key.
    /// </summary>
    public static async Task<(Guid Peer, string KeyForB)> ConnectAsync(
        TaxiiHarness a, TaxiiHarness b, CancellationToken ct, string nameOfA = "node-a", string nameOfB = "node-b", bool relaysOnB = false)
    {
        var adminA = await a.Members.ClientAsync(a.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var onA = await adminA.PostAsJsonAsync("/api/v1/federation/peers/", new { name = nameOfB, url = b.Node.BaseAddress.ToString() }, ct);
        Assert.Equal(HttpStatusCode.Created, onA.StatusCode);
        var keyForB = (string)(await onA.Content.ReadFromJsonAsync<JsonObject>(ct))!["keyForPeer"]!;

        var adminB = await b.Members.ClientAsync(b.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var onB = await adminB.PostAsJsonAsync("/api/v1/federation/peers/", new { name = nameOfA, url = a.Node.BaseAddress.ToString(), key = keyForB, acceptRelays = relaysOnB }, ct);
        Assert.Equal(HttpStatusCode.Created, onB.StatusCode);
        return (Guid.Parse((string)(await onB.Content.ReadFromJsonAsync<JsonObject>(ct))!["peer"]!["id"]!), keyForB);
    }

    /// <summary>
    /// Connects A and B both ways (each pulls the other): returns B's peer id for A and A's peer id for B. Each node
    /// binds the other's credential to its node when it first pulls it.
    /// </summary>
    public static async Task<(Guid AOnB, Guid BOnA)> ConnectBothAsync(TaxiiHarness a, TaxiiHarness b, string nameOfA, string nameOfB, CancellationToken ct)
    {
        var adminA = await a.Members.ClientAsync(a.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var onA = await adminA.PostAsJsonAsync("/api/v1/federation/peers/", new { name = nameOfB, url = b.Node.BaseAddress.ToString() }, ct);
        Assert.Equal(HttpStatusCode.Created, onA.StatusCode);
        var createdOnA = (await onA.Content.ReadFromJsonAsync<JsonObject>(ct))!;

        var adminB = await b.Members.ClientAsync(b.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var onB = await adminB.PostAsJsonAsync("/api/v1/federation/peers/", new { name = nameOfA, url = a.Node.BaseAddress.ToString(), key = (string)createdOnA["keyForPeer"]! }, ct);
        Assert.Equal(HttpStatusCode.Created, onB.StatusCode);
        var createdOnB = (await onB.Content.ReadFromJsonAsync<JsonObject>(ct))!;

        var bOnA = Guid.Parse((string)createdOnA["peer"]!["id"]!);
        var keyed = await adminA.PutAsJsonAsync($"/api/v1/federation/peers/{bOnA}/key", new { key = (string)createdOnB["keyForPeer"]! }, ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        return (Guid.Parse((string)createdOnB["peer"]!["id"]!), bOnA);
    }

    /// <summary>What a node received from a peer and refused, in all (connecting pulls once in the background too).</summary>
    public static async Task<(long Received, long Rejected)> TotalsAsync(TaxiiHarness node, Guid peer, CancellationToken ct)
    {
        var admin = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        var status = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct))!["status"]!;
        return ((long)status["received"]!, (long)status["rejected"]!);
    }

    internal sealed record SyncReportJson(Guid PeerId, int Requests, long Stored, long Duplicates, long Rejected, long Withdrawn, string? Error);
}
