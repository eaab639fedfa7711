using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The administration pages in the browser: users, API keys, organisations, sharing groups, and who may open them.</summary>
public class AdminTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgAdmin_CreatesAUser_SeesItsOneTimePasswordOnce_AndTheUserMustReplaceIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await alliance.UserIdAsync("Bravo", Role.Analyst);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByLabel("User name").FillAsync("new.analyst");
        await web.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Analyst");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        var oneTime = await web.Page.Locator("#one-time-password").InnerTextAsync();
        var users = web.Page.GetByRole(AriaRole.Table, new() { Name = "Users" });
        await Assertions.Expect(users).ToContainTextAsync("new.analyst");
        await Assertions.Expect(users).Not.ToContainTextAsync(TestAlliance.UserName("Bravo", Role.Analyst));
        await web.ScreenshotAsync("admin-users");
        await web.Page.ReloadAsync();
        await Assertions.Expect(web.Page.Locator("#one-time-password")).ToHaveCountAsync(0);

        await using var newcomer = await browser.OpenAsync(node);
        await newcomer.SignInAsync("new.analyst", oneTime);
        Assert.EndsWith("/account/password", newcomer.Page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Member_CreatesAnApiKey_ShownOnce_ThatWorksUntilRevoked(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var ct = TestContext.Current.CancellationToken;

        await web.Page.GotoAsync("/account/api-keys");
        await web.Page.GetByLabel("Name").FillAsync("SIEM feed");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await web.Page.Locator("#new-api-key").InnerTextAsync();
        await web.ScreenshotAsync("api-keys");

        using var client = node.WithBearer(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", ct)).StatusCode);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke key SIEM feed" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Key SIEM feed revoked" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator("#new-api-key")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", ct)).StatusCode);
    }

    [Fact]
    public async Task NodeAdmin_AdmitsAnOrganisation_AndPutsItInASharingGroup()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/organisations");
        await web.Page.GetByLabel("Name").FillAsync("Bravo CERT");
        await web.Page.GetByLabel("Country (ISO code)").FillAsync("KE");
        await web.Page.GetByLabel("Default TLP").SelectOptionAsync("Green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Admit organisation" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Organisations" })).ToContainTextAsync("Bravo CERT");
        await web.ScreenshotAsync("admin-organisations");

        await web.Page.GotoAsync("/admin/sharing-groups");
        await web.Page.GetByLabel("Name").FillAsync("Tiger team");
        await web.Page.GetByLabel("Owner organisation").SelectOptionAsync(new SelectOptionValue { Label = "Alpha" });
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        var group = web.Page.GetByRole(AriaRole.Region, new() { Name = "Sharing group Tiger team" });
        await group.GetByLabel("Add organisation").SelectOptionAsync(new SelectOptionValue { Label = "Bravo CERT" });
        await group.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bravo CERT added to Tiger team." })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Sharing group Tiger team" })).ToContainTextAsync("Bravo CERT");
        await web.ScreenshotAsync("admin-sharing-groups");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_EditsAnOrganisation_AndABadCountryCodeIsRefusedWithItsMessage(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/organisations");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Edit Bravo" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByLabel("Name")).ToHaveValueAsync("Bravo");
        await web.Page.GetByLabel("Name").FillAsync("Bravo CERT");
        await web.Page.GetByLabel("Country (ISO code)").FillAsync("XX");
        var refused = await web.Page.RunAndWaitForResponseAsync(
            () => web.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'XX' is not an ISO 3166-1 alpha-2 country code");

        // The form keeps what was typed; correct the country and save the rest.
        await Assertions.Expect(web.Page.GetByLabel("Name")).ToHaveValueAsync("Bravo CERT");
        await web.Page.GetByLabel("Country (ISO code)").FillAsync("ke");
        await web.Page.GetByLabel("Type").SelectOptionAsync("NonProfit");
        await web.Page.GetByLabel("Sector (optional)").FillAsync("Health");
        await web.Page.GetByLabel("Default TLP").SelectOptionAsync("Green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bravo CERT saved." })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByLabel("Country (ISO code)")).ToHaveValueAsync("KE");
        await web.ScreenshotAsync("admin-organisation-edit");

        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Back to organisations" }).ClickAsync();
        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Organisations" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Bravo CERT" });
        await Assertions.Expect(row).ToContainTextAsync("KE");
        await Assertions.Expect(row).ToContainTextAsync("Health");
        await Assertions.Expect(row).ToContainTextAsync("TLP:GREEN");

        // The refused save is logged by the browser as a failed load (its 400); nothing else may be.
        Assert.DoesNotContain(web.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgAdmin_RenamesAGroup_CannotDeleteItWhileAnObjectIsSharedIntoIt_RemovesAMember_ThenDeletesIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var writer = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var indicator = Intel.Bundles.Indicator(tlp: Tlp.Amber);
        var id = indicator["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Intel.IntelHttp.ImportAsync(writer, Intel.Bundles.Bundle(indicator), $"scope=sharing-group&sharing_group={group}")).StatusCode);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{id}", ct)).StatusCode);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin/sharing-groups");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Rename or delete Tiger team" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Sharing group Tiger team" })).ToBeVisibleAsync();
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lion team");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Renamed to Lion team." })).ToBeVisibleAsync();
        await web.ScreenshotAsync("admin-sharing-group-edit");

        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Delete Lion team…" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Delete the sharing group “Lion team”?" })).ToBeVisibleAsync();
        var refused = await web.Page.RunAndWaitForResponseAsync(
            () => web.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be deleted: stored objects still name it");
        await web.ScreenshotAsync("admin-sharing-group-in-use");
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{id}", ct)).StatusCode);

        // Removing a member is how sharing stops at once: Bravo's next read answers 404.
        await web.Page.GotoAsync("/admin/sharing-groups");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Remove Bravo from Lion team" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bravo removed from Lion team." })).ToBeVisibleAsync();
        await (await bravo.GetAsync($"/api/v1/objects/{id}", ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.OK, (await writer.DeleteAsync($"/api/v1/objects/{id}", ct)).StatusCode);
        await web.Page.GotoAsync($"/admin/sharing-groups/{group}/delete");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The sharing group was deleted." })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Sharing group Lion team" })).ToHaveCountAsync(0);
        Assert.Equal(404, (await web.Page.GotoAsync($"/admin/sharing-groups/{group}"))!.Status);
        Assert.DoesNotContain(web.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGroupsPages_AreForbiddenToAMemberThatDoesNotOwnIt_AndNotFoundForAnOutsider()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        await using var member = await browser.OpenAsync(node);
        await member.SignInAsAsync(alliance, "Bravo", Role.OrgAdmin);
        await using var outsider = await browser.OpenAsync(node);
        await outsider.SignInAsAsync(alliance, "Charlie", Role.OrgAdmin);

        await member.Page.GotoAsync("/admin/sharing-groups");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Region, new() { Name = "Sharing group Tiger team" })).ToBeVisibleAsync();
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Link, new() { Name = "Rename or delete Tiger team" })).ToHaveCountAsync(0);
        Assert.Equal(403, (await member.Page.GotoAsync($"/admin/sharing-groups/{group}"))!.Status);
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Only the owner organisation's admins may change this sharing group.");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Button, new() { Name = "Rename" })).ToHaveCountAsync(0);
        Assert.Equal(403, (await member.Page.GotoAsync($"/admin/sharing-groups/{group}/delete"))!.Status);
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToHaveCountAsync(0);

        foreach (var path in new[] { $"/admin/sharing-groups/{group}", $"/admin/sharing-groups/{group}/delete" })
        {
            Assert.Equal(404, (await outsider.Page.GotoAsync(path))!.Status);
            await Assertions.Expect(outsider.Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Tiger team");
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgAdmin_ChangesAUsersRole_ButTheServerRefusesARoleAboveTheirOwn_EvenFromAForgedForm(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);
        var ct = TestContext.Current.CancellationToken;
        var analystName = TestAlliance.UserName("Alpha", Role.Analyst);

        await web.Page.GotoAsync("/admin");
        var select = web.Page.GetByLabel($"Role of {analystName}", new() { Exact = true });
        await Assertions.Expect(select).ToHaveValueAsync("Analyst");
        Assert.Equal(["read-only", "analyst", "org admin"], await select.Locator("option").AllInnerTextsAsync());
        await Assertions.Expect(web.Page.GetByLabel($"Role of {TestAlliance.UserName("Alpha", Role.OrgAdmin)}", new() { Exact = true })).ToHaveCountAsync(0);

        await select.SelectOptionAsync("ReadOnly");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = $"Change role of {analystName}" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{analystName} is now read-only" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("admin-users-role");
        Assert.Equal("read-only", (await (await analyst.GetAsync("/api/v1/me", ct)).JsonAsync()).GetProperty("role").GetString());

        // A hand-edited form (the option the page did not offer) is refused by the service, not just hidden.
        await web.Page.GetByLabel($"Role of {analystName}", new() { Exact = true }).EvaluateAsync("s => s.add(new Option('node admin', 'NodeAdmin', true, true))");
        var refused = await web.Page.RunAndWaitForResponseAsync(
            () => web.Page.GetByRole(AriaRole.Button, new() { Name = $"Change role of {analystName}" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(403, refused.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("A role higher than your own cannot be granted.");
        Assert.Equal("read-only", (await (await analyst.GetAsync("/api/v1/me", ct)).JsonAsync()).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/sharing-groups")]
    [InlineData("/admin/organisations")]
    public async Task Analyst_OpeningAnAdminPage_IsToldItIsNotAllowed(string path)
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        var response = await web.Page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OrgAdmin_DoesNotSeeTheOrganisationsPage()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Organisations" })).ToHaveCountAsync(0);
        Assert.Equal(403, (await web.Page.GotoAsync("/admin/organisations"))!.Status);
    }
}
