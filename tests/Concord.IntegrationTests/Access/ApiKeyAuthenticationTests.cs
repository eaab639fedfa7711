using System.Net;
using Concord.Access;
using Concord.Access.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

public class ApiKeyAuthenticationTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bearer_ValidKey_AuthenticatesAsItsOrganisationAndRole(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);

        var me = await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();

        Assert.Equal("api-key", me.GetProperty("kind").GetString());
        Assert.Equal(alliance.OrgId("Alpha"), me.GetProperty("organisationId").GetGuid());
        Assert.Equal("analyst", me.GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateApiKey_StoresOnlyAHashOfTheSecret(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.Analyst);

        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        var stored = await db.ApiKeys.SingleAsync(AccessHttp.Ct);
        var secret = key.Split('_', 3)[2];
        Assert.StartsWith($"ck_{stored.Prefix}_", key, StringComparison.Ordinal);
        Assert.Equal(32, stored.SecretHash.Length);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(secret), stored.SecretHash);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), stored.SecretHash);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bearer_ExpiredKey_IsRejected(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        node.Time.Advance(TimeSpan.FromDays(91));

        await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bearer_RevokedKey_IsRejected(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var keys = await (await client.GetAsync("/api/v1/api-keys", AccessHttp.Ct)).JsonAsync();
        var id = keys[0].GetProperty("id").GetGuid();

        var revoked = await client.PostAsync($"/api/v1/api-keys/{id}/revoke", null, AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.JsonAsync()).GetProperty("status").GetString());

        await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bearer_TamperedSecret_IsRejected(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.Analyst);
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = node.WithBearer(tampered);

        await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Basic_WithApiKeyAsPassword_Authenticates(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.ReadOnly);
        using var client = node.WithBasic("taxii-client", key);

        var me = await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();

        Assert.Equal("api-key", me.GetProperty("kind").GetString());
        Assert.Equal("read-only", me.GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Basic_WithUserNameAndPassword_Authenticates(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        using var client = node.WithBasic("alpha-orgadmin", TestAlliance.Password);

        var me = await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();

        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal("org-admin", me.GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Anonymous_ProtectedEndpoint_Answers401ProblemDetails(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        await (await client.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FailedBearerAndBasic_ChallengeWithTheirOwnScheme(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var bearer = node.WithBearer("ck_0123456789abcdef_not-a-real-secret-but-long-enough-to-parse-0000");
        using var basic = node.WithBasic("nobody", "wrong password");

        var bearerAnswer = await bearer.GetAsync("/api/v1/me", AccessHttp.Ct);
        var basicAnswer = await basic.GetAsync("/api/v1/me", AccessHttp.Ct);

        await bearerAnswer.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await basicAnswer.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal("Bearer", Assert.Single(bearerAnswer.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("Basic", Assert.Single(basicAnswer.Headers.WwwAuthenticate).Scheme);
    }
}
