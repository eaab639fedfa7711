using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Bundles = Concord.IntegrationTests.Intel.Bundles;
using IntelHttp = Concord.IntegrationTests.Intel.IntelHttp;
using Concord.Stix;

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
        await matrix.CheckAsync("PATCH /sharing-groups/{id}", "401 403 403 404 200 200 200",
            (who, c) => c.PatchAsJsonAsync($"/api/v1/sharing-groups/{group}", new { name = $"Tiger team {who}" }, AccessHttp.Ct));
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
    public async Task RenameSharingGroup_ByTheOwnersAdmin_ValidatesTheName_AndKeepsNamesUniquePerOwner(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        await alliance.CreateSharingGroupAsync("Alpha", "Lions");
        await alliance.CreateSharingGroupAsync("Bravo", "Tiger cubs");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var url = $"/api/v1/sharing-groups/{group}";

        var renamed = await admin.PatchAsJsonAsync(url, new { name = "  Tiger cubs " }, AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var body = await renamed.JsonAsync();
        Assert.Equal("Tiger cubs", body.GetProperty("name").GetString());
        Assert.Equal(2, body.GetProperty("members").GetArrayLength());

        await (await admin.PatchAsJsonAsync(url, new { name = "LIONS" }, AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Conflict, "group-name-taken");
        await (await admin.PatchAsJsonAsync(url, new { name = "x" }, AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "length");
        await (await admin.PatchAsJsonAsync(url, new { }, AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "required");
        await (await admin.PatchAsJsonAsync($"/api/v1/sharing-groups/{Guid.NewGuid()}", new { name = "Ghosts" }, AccessHttp.Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        // A member organisation's admin sees the group but may not rename it; the name stays.
        var bravoAdmin = await alliance.ClientAsync("Bravo", Role.OrgAdmin);
        await (await bravoAdmin.PatchAsJsonAsync(url, new { name = "Bravo's now" }, AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Tiger cubs", (await (await bravoAdmin.GetAsync(url, AccessHttp.Ct)).JsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteSharingGroup_WhileAnObjectIsSharedIntoIt_IsRefused_AndChangesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var writer = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = Bundles.Indicator(tlp: Tlp.Amber);
        var id = indicator["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await IntelHttp.ImportAsync(writer, Bundles.Bundle(indicator), $"scope=sharing-group&sharing_group={group}")).StatusCode);
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var alphaReader = await alliance.ClientAsync("Alpha", Role.ReadOnly);

        var refused = await admin.DeleteAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct);

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "sharing-group-in-use");
        var detail = (await refused.JsonAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("stored objects", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(id, detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alphaReader.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);

        // Once its owner deletes the object, nothing names the group any more.
        Assert.Equal(HttpStatusCode.OK, (await writer.DeleteAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteSharingGroup_WithAnOlderVersionStillSharedIntoIt_IsRefused(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var writer = await alliance.ClientAsync("Alpha", Role.Analyst);
        var id = Bundles.NewId();
        await IntelHttp.ImportAsync(writer, Bundles.Bundle(Bundles.Indicator(id, "2026-01-01T00:00:00.000Z", Tlp.Amber)), $"scope=sharing-group&sharing_group={group}");
        await IntelHttp.ImportAsync(writer, Bundles.Bundle(Bundles.Indicator(id, "2026-02-01T00:00:00.000Z", Tlp.Amber)), "scope=owner");
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);

        var refused = await admin.DeleteAsync($"/api/v1/sharing-groups/{group}", AccessHttp.Ct);

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "sharing-group-in-use");
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
