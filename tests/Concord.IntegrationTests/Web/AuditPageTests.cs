using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The audit trail in the browser: the node admin's whole trail with its filter, an org admin's own, a user's sign-ins.</summary>
public class AuditPageTests(Browser browser)
{
    [Fact]
    public async Task NodeAdmin_SeesTheTrail_AndFiltersItByAction()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await alliance.Anonymous().PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Bravo", Role.Analyst), password = "not it" })).StatusCode);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/audit");
        var table = web.Page.GetByRole(AriaRole.Table, new() { Name = "Audit entries" });
        await Assertions.Expect(table).ToContainTextAsync("organisation.create");
        await Assertions.Expect(table).ToContainTextAsync("Bravo");
        await web.ScreenshotAsync("admin-audit");

        await web.Page.GetByLabel("Action").FillAsync("sign-in*");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await web.Page.WaitForURLAsync(url => url.Contains("action=sign-in", StringComparison.Ordinal));
        await Assertions.Expect(table).ToContainTextAsync("sign-in.failed");
        await Assertions.Expect(table).Not.ToContainTextAsync("organisation.create");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "sign-in.failed" })).ToContainTextAsync("failed");
        Assert.Empty(web.ConsoleErrors);
    }

    [Fact]
    public async Task OrgAdmin_SeesOnlyItsOrganisationsEntries()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin/audit");

        var table = web.Page.GetByRole(AriaRole.Table, new() { Name = "Audit entries" });
        await Assertions.Expect(table).ToContainTextAsync("Alpha");
        await Assertions.Expect(table).Not.ToContainTextAsync("Bravo");
        await Assertions.Expect(web.Page.GetByLabel("Organisation")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task User_SeesTheirRecentSignIns_OnTheAccountPage()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/account");

        var signIns = web.Page.GetByRole(AriaRole.Table, new() { Name = "Recent sign-ins" });
        await Assertions.Expect(signIns.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("signed in");
        await Assertions.Expect(signIns).ToContainTextAsync("browser");
        await web.ScreenshotAsync("account-sign-ins");
    }
}
