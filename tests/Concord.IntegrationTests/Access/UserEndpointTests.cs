using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

public class UserEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Users_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);
        var alpha = alliance.OrgId("Alpha");
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);

        async Task<Guid> TargetAsync(MatrixCaller who)
        {
            await using var scope = node.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<IAccessAdmin>()
                .CreateUserAsync(new NewUser($"target-{who}-{Guid.NewGuid():N}", alpha, Role.ReadOnly), AccessHttp.Ct);
            return created.Value!.Id;
        }

        await matrix.CheckAsync("GET /users", "401 403 403 200 200 200 200", (_, c) => c.GetAsync("/api/v1/users", AccessHttp.Ct));
        await matrix.CheckAsync("GET /users/{id}", "401 403 403 404 200 200 200", (_, c) => c.GetAsync($"/api/v1/users/{analystId}", AccessHttp.Ct));
        await matrix.CheckAsync("POST /users", "401 403 403 403 201 201 201", (who, c) => c.PostJsonAsync("/api/v1/users",
            new { userName = $"new-{who}", organisationId = alpha, role = "analyst" }));
        await matrix.CheckAsync("PATCH /users/{id}", "401 403 403 404 200 200 200",
            async (who, c) => await c.PatchAsJsonAsync($"/api/v1/users/{await TargetAsync(who)}", new { role = "analyst" }, AccessHttp.Ct));
        await matrix.CheckAsync("POST /users/{id}/disable", "401 403 403 404 200 200 200",
            async (who, c) => await c.PostAsync($"/api/v1/users/{await TargetAsync(who)}/disable", null, AccessHttp.Ct));
        await matrix.CheckAsync("POST /users/{id}/enable", "401 403 403 404 200 200 200",
            async (who, c) => await c.PostAsync($"/api/v1/users/{await TargetAsync(who)}/enable", null, AccessHttp.Ct));
        await matrix.CheckAsync("POST /users/{id}/reset-password", "401 403 403 404 200 200 200",
            async (who, c) => await c.PostAsync($"/api/v1/users/{await TargetAsync(who)}/reset-password", null, AccessHttp.Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateUser_ByOrgAdmin_ReturnsOneTimePasswordOnceAndForcesAChange(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);

        var created = await admin.PostJsonAsync("/api/v1/users", new { userName = "new.analyst", role = "analyst" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var password = body.GetProperty("oneTimePassword").GetString()!;
        var id = body.GetProperty("user").GetProperty("id").GetGuid();
        Assert.True(password.Length >= 20);
        Assert.Equal(alliance.OrgId("Alpha"), body.GetProperty("user").GetProperty("organisationId").GetGuid());

        var again = await (await admin.GetAsync($"/api/v1/users/{id}", AccessHttp.Ct)).JsonAsync();
        Assert.False(again.TryGetProperty("oneTimePassword", out _));
        Assert.True(again.GetProperty("mustChangePassword").GetBoolean());

        // With the one-time password the user may only see itself and change the password.
        using var user = node.WithBasic("new.analyst", password);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        await (await user.GetAsync("/api/v1/organisations", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-role");
        var changed = await user.PostJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "a much better passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using var after = node.WithBasic("new.analyst", "a much better passphrase");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/organisations", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateUser_RoleAboveOwnOrOtherOrganisation_IsRefused(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);

        await (await admin.PostJsonAsync("/api/v1/users", new { userName = "boss", role = "node-admin" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "role-above-own");
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = "spy", role = "analyst", organisationId = alliance.OrgId("Bravo") }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "not-your-organisation");
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = "x", role = "analyst" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "length");
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = "weak", role = "analyst", password = "short" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "password-too-short");
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = "alpha-orgadmin", role = "analyst" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "user-name-taken");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DisableUser_StopsTheUsersPasswordAndApiKeys(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{analystId}/disable", null, AccessHttp.Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        using var basic = node.WithBasic(TestAlliance.UserName("Alpha", Role.Analyst), TestAlliance.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UpdateUser_Demotion_CapsTheUsersApiKeysAtOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);

        var updated = await admin.PatchAsJsonAsync($"/api/v1/users/{analystId}", new { role = "read-only" }, AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var me = await (await analyst.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();
        Assert.Equal("read-only", me.GetProperty("role").GetString());
        await (await admin.PatchAsJsonAsync($"/api/v1/users/{analystId}", new { role = "secretariat" }, AccessHttp.Ct))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "role-above-own");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UpdateUserRole_OrgAdmin_NeverGrantsSecretariatOrNodeAdmin_NorTouchesOtherOrganisations_NorTheirOwnRole(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var admin = await alliance.PasswordClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var bravoAnalystId = await alliance.UserIdAsync("Bravo", Role.Analyst);
        var ownId = await alliance.UserIdAsync("Alpha", Role.OrgAdmin);
        Task<HttpResponseMessage> PatchAsync(Guid id, string role) => admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role }, AccessHttp.Ct);

        await (await PatchAsync(analystId, "node-admin")).AssertProblemAsync(HttpStatusCode.Forbidden, "role-above-own");
        await (await PatchAsync(analystId, "secretariat")).AssertProblemAsync(HttpStatusCode.Forbidden, "role-above-own");
        await (await PatchAsync(bravoAnalystId, "read-only")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await PatchAsync(ownId, "analyst")).AssertProblemAsync(HttpStatusCode.BadRequest, "cannot-change-own-role");
        await (await PatchAsync(analystId, "boss")).AssertProblemAsync(HttpStatusCode.BadRequest, "enum");

        var promoted = await PatchAsync(analystId, "org-admin");
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("org-admin", (await promoted.JsonAsync()).GetProperty("role").GetString());

        var nodeAdmin = await alliance.ClientAsync("Bravo", Role.NodeAdmin);
        var bravo = await (await nodeAdmin.GetAsync($"/api/v1/users/{bravoAnalystId}", AccessHttp.Ct)).JsonAsync();
        Assert.Equal("analyst", bravo.GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetUserRole_ThroughTheBrowsersService_HasTheSameChecksAsTheApi(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var alphaAdmin = Session(await alliance.UserIdAsync("Alpha", Role.OrgAdmin), alliance.OrgId("Alpha"), Role.OrgAdmin);
        var bravoAdmin = Session(await alliance.UserIdAsync("Bravo", Role.OrgAdmin), alliance.OrgId("Bravo"), Role.OrgAdmin);
        var alphaAnalyst = Session(analystId, alliance.OrgId("Alpha"), Role.Analyst);
        await using var scope = node.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<IAccessManagement>();

        Assert.Equal(Concord.Platform.ErrorKind.NotFound, (await management.SetUserRoleAsync(bravoAdmin, analystId, Role.ReadOnly, AccessHttp.Ct)).Error?.Kind);
        Assert.Equal("insufficient-role", (await management.SetUserRoleAsync(alphaAnalyst, analystId, Role.OrgAdmin, AccessHttp.Ct)).Error?.Rule);
        Assert.Equal("role-above-own", (await management.SetUserRoleAsync(alphaAdmin, analystId, Role.NodeAdmin, AccessHttp.Ct)).Error?.Rule);
        Assert.Equal(Role.ReadOnly, (await management.SetUserRoleAsync(alphaAdmin, analystId, Role.ReadOnly, AccessHttp.Ct)).Value?.Role);
    }

    /// <summary>The claims of a signed-in user's session, as the cookie carries them.</summary>
    private static System.Security.Claims.ClaimsPrincipal Session(Guid userId, Guid organisation, Role role) => new(new System.Security.Claims.ClaimsIdentity(
    [
        new(Concord.Access.Authentication.AccessClaims.Subject, userId.ToString()),
        new(Concord.Access.Authentication.AccessClaims.User, userId.ToString()),
        new(Concord.Access.Authentication.AccessClaims.Kind, Concord.Access.Authentication.AccessClaims.KindUser),
        new(Concord.Access.Authentication.AccessClaims.Organisation, organisation.ToString()),
        new(Concord.Access.Authentication.AccessClaims.Role, ((int)role).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], "test"));
}
