using System.Net;
using System.Text;
using Concord.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Access;

/// <summary>Access and Intel together over HTTP: who reads an object follows sharing-group membership at once.</summary>
public class SharingEndToEndTests
{
    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string query, string bundle) =>
        await client.PostAsync($"/api/v1/objects/import?{query}", new StringContent(bundle, Encoding.UTF8, "application/json"), AccessHttp.Ct);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AmberSharedToAGroup_IsReadByMembersOnly_AndFollowsMembershipChanges(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var writer = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var charlie = await alliance.ClientAsync("Charlie", Role.ReadOnly);
        var charlieAdmin = await alliance.ClientAsync("Charlie", Role.NodeAdmin);
        var indicator = Bundles.Indicator(tlp: Tlp.Amber);
        var id = indicator["id"]!.GetValue<string>();

        var imported = await ImportAsync(writer, $"scope=sharing-group&sharing_group={group}", Bundles.Bundle(indicator));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await charlie.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);

        // Roles grant no reads: Charlie's node admin sees no more than Charlie's read-only user.
        Assert.Equal(HttpStatusCode.NotFound, (await charlieAdmin.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);

        await alliance.AddGroupMemberAsync(group, "Charlie");
        Assert.Equal(HttpStatusCode.OK, (await charlie.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);

        var owner = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        await owner.DeleteAsync($"/api/v1/sharing-groups/{group}/members/{alliance.OrgId("Bravo")}", AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{id}", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_IntoAGroupTheOwnerIsNotIn_OrWiderThanItsTlp_IsRefused(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var foreignGroup = await alliance.CreateSharingGroupAsync("Bravo", "Bravo only");
        var writer = await alliance.ClientAsync("Alpha", Role.Analyst);

        var notMember = await ImportAsync(writer, $"scope=sharing-group&sharing_group={foreignGroup}", Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Amber)));
        await notMember.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-sharing-group");

        // The object's own marking (RED) caps the requested scope: the bundle is refused, naming the rule per object.
        var tooWide = await ImportAsync(writer, "scope=alliance", Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Red)));
        await tooWide.AssertProblemAsync(HttpStatusCode.BadRequest, "bundle-rejected");
        Assert.Contains("scope-wider-than-tlp", await tooWide.Content.ReadAsStringAsync(AccessHttp.Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ByReadOnlyMember_IsRefused(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);

        var refused = await ImportAsync(reader, "scope=owner", Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Amber)));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
