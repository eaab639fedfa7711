using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

public class SharingGroupEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SharingGroups_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Charlie");
        var charlie = alliance.OrgId("Charlie");

        await matrix.CheckAsync("GET /sharing-groups", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/sharing-groups", AccessHttp.Ct));
        await matrix.CheckAsync("GET /sharing-groups/{id}", "401 200 200 404 200 200 200", (_, c) => c.GetAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct));
        await matrix.CheckAsync("POST /sharing-groups", "401 403 403 201 201 201 201",
            (who, c) => c.PostJsonAsync("/api/v1/sharing-groups", new { name = $"Group {who}", members = new[] { charlie } }));
        await matrix.CheckAsync("DELETE /sharing-groups/{id}/members/{org}", "401 403 403 404 200 200 200",
            (_, c) => c.DeleteAsync($"/api/v1/sharing-groups/{group}/members/{charlie}", AccessHttp.Ct));
        await matrix.CheckAsync("POST /sharing-groups/{id}/members", "401 403 403 404 200 200 200",
            (_, c) => c.PostJsonAsync($"/api/v1/sharing-groups/{group}/members", new { organisationId = charlie }));
        await matrix.CheckAsync("DELETE /sharing-groups/{id}", "401 403 403 404 204 204 204",
            async (who, c) => await c.DeleteAsync($"/api/v1/sharing-groups/{await alliance.CreateSharingGroupAsync("Alpha", $"Doomed {who}")}", AccessHttp.Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SharingGroup_MemberAdminOfAnotherOrganisation_SeesButCannotChangeIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var bravoAdmin = await alliance.ClientAsync("Bravo", Role.OrgAdmin);

        Assert.Equal(HttpStatusCode.OK, (await bravoAdmin.GetAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct)).StatusCode);
        await (await bravoAdmin.DeleteAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateSharingGroup_OwnerIsAlwaysAMemberAndCannotLeave(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);

        var created = await admin.PostJsonAsync("/api/v1/sharing-groups", new { name = "Pairs", members = new[] { alliance.OrgId("Bravo") } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var members = body.GetProperty("members").EnumerateArray().Select(m => m.GetGuid()).ToList();
        Assert.Contains(alliance.OrgId("Alpha"), members);
        Assert.Contains(alliance.OrgId("Bravo"), members);
        Assert.Equal(alliance.OrgId("Alpha"), body.GetProperty("ownerOrgId").GetGuid());

        var id = body.GetProperty("id").GetGuid();
        await (await admin.DeleteAsync($"/api/v1/sharing-groups/{id}/members/{alliance.OrgId("Alpha")}", AccessHttp.Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "owner-must-remain-member");
        await (await admin.PostJsonAsync("/api/v1/sharing-groups", new { name = "pairs" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "group-name-taken");
        await (await admin.PostJsonAsync("/api/v1/sharing-groups", new { name = "Ghosts", members = new[] { Guid.NewGuid() } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-organisation");
    }
}
