using System.Net;
using System.Text;
using Concord.Access;
using Bundles = Concord.IntegrationTests.Intel.Bundles;
using IntelHttp = Concord.IntegrationTests.Intel.IntelHttp;
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
    public async Task RemovedMember_StopsReadingWhatOthersSharedIntoTheGroup_OnEveryReadPathAtOnce_ButKeepsItsOwn(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var name = $"grouped-{Guid.NewGuid():N}";
        var alphas = Bundles.Indicator(tlp: Tlp.AmberStrict, name: name);
        var bravos = Bundles.Indicator(tlp: Tlp.Amber, name: name + "-bravo");
        var id = alphas["id"]!.GetValue<string>();
        var bravosId = bravos["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(alpha, $"scope=sharing-group&sharing_group={group}", Bundles.Bundle(alphas))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(bravo, $"scope=sharing-group&sharing_group={group}", Bundles.Bundle(bravos))).StatusCode);
        Assert.Empty(await ReadPathsAsync(bravo, id, name, expected: true));

        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var removed = await admin.DeleteAsync($"/api/v1/sharing-groups/{group}/members/{alliance.OrgId("Bravo")}", AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        // No wait, no new session: the next request of the same API key reads without the group.
        Assert.Empty(await ReadPathsAsync(bravo, id, name, expected: false));
        Assert.Empty(await ReadPathsAsync(alpha, id, name, expected: true));

        // Bravo still owns what it shared into the group, and the group's remaining members still read it.
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{bravosId}", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alpha.GetAsync($"/api/v1/objects/{bravosId}", AccessHttp.Ct)).StatusCode);

        // Nor may Bravo share anything new into a group it has left.
        var refused = await ImportAsync(bravo, $"scope=sharing-group&sharing_group={group}", Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Amber)));
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-sharing-group");
    }

    /// <summary>
    /// Every REST and TAXII read of one object: get, version list, list, search, and the TAXII "all" collection's
    /// object and listing. Returns what disagreed with <paramref name="expected"/>; hidden must be 404, never 403.
    /// </summary>
    private static async Task<List<string>> ReadPathsAsync(HttpClient client, string id, string name, bool expected)
    {
        var failures = new List<string>();
        async Task StatusAsync(string path, string url, string? accept = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await client.SendAsync(request, AccessHttp.Ct);
            var want = expected ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            if (response.StatusCode != want)
            {
                failures.Add($"{path}: expected {(int)want}, got {(int)response.StatusCode}");
            }
        }

        await StatusAsync("get", $"/api/v1/objects/{id}");
        await StatusAsync("versions", $"/api/v1/objects/{id}/versions");
        await StatusAsync("taxii get", $"/taxii2/concord/collections/all/objects/{id}/", Taxii21);
        if ((await IntelHttp.ListIdsAsync(client, string.Empty)).Contains(id) != expected)
        {
            failures.Add("list");
        }

        if ((await IntelHttp.ListIdsAsync(client, $"q={name}")).Contains(id) != expected)
        {
            failures.Add("search");
        }

        using var taxii = new HttpRequestMessage(HttpMethod.Get, "/taxii2/concord/collections/all/objects/?limit=1000");
        taxii.Headers.Accept.ParseAdd(Taxii21);
        using var listed = await client.SendAsync(taxii, AccessHttp.Ct);
        if ((await listed.Content.ReadAsStringAsync(AccessHttp.Ct)).Contains(id, StringComparison.Ordinal) != expected)
        {
            failures.Add("taxii list");
        }

        return failures;
    }

    private const string Taxii21 = "application/taxii+json;version=2.1";

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
