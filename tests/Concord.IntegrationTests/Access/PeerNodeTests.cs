using System.Net;
using System.Text.Json;
using Concord.Access;
using static Concord.IntegrationTests.Access.AccessHttp;

namespace Concord.IntegrationTests.Access;

/// <summary>Peer nodes: registered by node admins, authenticated by key as a PeerNode principal, revocable.</summary>
public class PeerNodeTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PeerEndpoints_AreForNodeAdminsOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, AuthorizationMatrix.Home, AuthorizationMatrix.Other);
        var matrix = await AuthorizationMatrix.CreateAsync(alliance, passwords: true);

        await matrix.CheckAsync("list", "401 403 403 403 403 403 200", (_, c) => c.GetAsync("/api/v1/peers", Ct));
        await matrix.CheckAsync("create", "401 403 403 403 403 403 201", (who, c) => c.PostJsonAsync("/api/v1/peers", new { name = $"node-{who}" }));
        await alliance.PeerKeyAsync("doomed.example");
        var id = await IdOfAsync(await (await alliance.PasswordClientAsync(AuthorizationMatrix.Home, Role.NodeAdmin)).GetAsync("/api/v1/peers", Ct), "doomed.example");
        await matrix.CheckAsync("revoke", "401 403 403 403 403 403 200", (_, c) => c.PostAsync($"/api/v1/peers/{id}/revoke", null, Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ShowsTheKeyOnce_ByAUserSessionOnly_WithAUniqueName(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.PasswordClientAsync("Alpha", Role.NodeAdmin);
        var adminKey = await alliance.ClientAsync("Alpha", Role.NodeAdmin);

        using var created = await admin.PostJsonAsync("/api/v1/peers", new { name = "cert-ke.example" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.StartsWith("ck_", body.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal("cert-ke.example", body.GetProperty("peer").GetProperty("name").GetString());

        await (await admin.PostJsonAsync("/api/v1/peers", new { name = "cert-ke.example" })).AssertProblemAsync(HttpStatusCode.Conflict, "name-taken");
        await (await admin.PostJsonAsync("/api/v1/peers", new { name = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, "required");
        await (await adminKey.PostJsonAsync("/api/v1/peers", new { name = "by-key.example" })).AssertProblemAsync(HttpStatusCode.Forbidden, "user-session-required");
        var list = await (await admin.GetAsync("/api/v1/peers", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(body.GetProperty("key").GetString()!, list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PeerKey_IsAPeerNodePrincipal_ThatReadsButActsForNoOrganisation_UntilRevoked(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.PeerKeyAsync("cert-ke.example");
        using var peer = node.WithBearer(key);
        using var basicPeer = node.WithBasic("cert-ke.example", key);

        var me = await (await peer.GetAsync("/api/v1/me", Ct)).JsonAsync();
        Assert.Equal(("peer-node", "cert-ke.example"), (me.GetProperty("kind").GetString(), me.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("organisationId").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync("/api/v1/objects", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basicPeer.GetAsync("/api/v1/objects", Ct)).StatusCode);
        await (await peer.GetAsync("/api/v1/organisations", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-role");
        await (await peer.GetAsync("/api/v1/api-keys", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-role");
        await (await peer.DeleteAsync($"/api/v1/objects/{Intel.Bundles.NewId()}", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-role");

        var admin = await alliance.PasswordClientAsync("Alpha", Role.NodeAdmin);
        var id = await IdOfAsync(await admin.GetAsync("/api/v1/peers", Ct), "cert-ke.example");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/peers/{id}/revoke", null, Ct)).StatusCode);

        await (await peer.GetAsync("/api/v1/objects", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var listed = await (await admin.GetAsync("/api/v1/peers", Ct)).JsonAsync();
        Assert.True(listed[0].GetProperty("revoked").GetBoolean());
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage list, string name)
    {
        var peers = await list.JsonAsync();
        return peers.EnumerateArray().Where(p => p.GetProperty("name").GetString() == name).Select(p => p.GetProperty("id").GetGuid()).Single();
    }
}
