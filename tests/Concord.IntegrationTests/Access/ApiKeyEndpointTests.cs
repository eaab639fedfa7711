using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

public class ApiKeyEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiKeys_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance, passwords: true);
        var analyst = await alliance.PasswordClientAsync("Alpha", Role.Analyst);

        async Task<Guid> AnalystKeyAsync()
        {
            var created = await (await analyst.PostJsonAsync("/api/v1/api-keys", new { name = "feed" })).JsonAsync();
            return created.GetProperty("apiKey").GetProperty("id").GetGuid();
        }

        await matrix.CheckAsync("GET /api-keys", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/api-keys", AccessHttp.Ct));
        await matrix.CheckAsync("POST /api-keys", "401 201 201 201 201 201 201", (who, c) => c.PostJsonAsync("/api/v1/api-keys", new { name = $"key {who}" }));
        await matrix.CheckAsync("GET /api-keys/{analyst's}", "401 404 200 404 200 200 200",
            async (_, c) => await c.GetAsync($"/api/v1/api-keys/{await AnalystKeyAsync()}", AccessHttp.Ct));
        await matrix.CheckAsync("POST /api-keys/{analyst's}/revoke", "401 404 200 404 200 200 200",
            async (_, c) => await c.PostAsync($"/api/v1/api-keys/{await AnalystKeyAsync()}/revoke", null, AccessHttp.Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateApiKey_ShowsTheSecretOnceAndNeverInLists(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var user = await alliance.PasswordClientAsync("Alpha", Role.Analyst);

        var created = await user.PostJsonAsync("/api/v1/api-keys", new { name = "siem", role = "read-only" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("apiKey").GetProperty("id").GetGuid();
        Assert.StartsWith("ck_", key, StringComparison.Ordinal);
        Assert.Equal("read-only", body.GetProperty("apiKey").GetProperty("role").GetString());

        var list = await (await user.GetAsync("/api/v1/api-keys", AccessHttp.Ct)).Content.ReadAsStringAsync(AccessHttp.Ct);
        var one = await (await user.GetAsync($"/api/v1/api-keys/{id}", AccessHttp.Ct)).Content.ReadAsStringAsync(AccessHttp.Ct);
        var secret = key.Split('_', 3)[2];
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, one, StringComparison.Ordinal);

        using var withKey = node.WithBearer(key);
        var me = await (await withKey.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();
        Assert.Equal("read-only", me.GetProperty("role").GetString());
        Assert.Equal(id, me.GetProperty("id").GetGuid());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateApiKey_RoleAboveOwnOrPastExpiryOrByAnotherKey_IsRefused(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var user = await alliance.PasswordClientAsync("Alpha", Role.Analyst);
        var key = await alliance.ClientAsync("Alpha", Role.Analyst);

        await (await user.PostJsonAsync("/api/v1/api-keys", new { name = "admin key", role = "org-admin" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "role-above-own");
        await (await user.PostJsonAsync("/api/v1/api-keys", new { name = "old", expiresAt = node.Time.GetUtcNow().AddDays(-1) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "expiry-range");
        await (await user.PostJsonAsync("/api/v1/api-keys", new { name = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "required");
        await (await key.PostJsonAsync("/api/v1/api-keys", new { name = "child" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "user-session-required");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiKey_WithExplicitExpiry_WorksUntilThenAndIsListedAsExpired(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var user = await alliance.PasswordClientAsync("Alpha", Role.Analyst);
        var created = await (await user.PostJsonAsync("/api/v1/api-keys", new { name = "short", expiresAt = node.Time.GetUtcNow().AddHours(1) })).JsonAsync();
        using var client = node.WithBearer(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        node.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        var listed = await (await user.GetAsync($"/api/v1/api-keys/{created.GetProperty("apiKey").GetProperty("id").GetGuid()}", AccessHttp.Ct)).JsonAsync();
        Assert.Equal("expired", listed.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
    }
}
