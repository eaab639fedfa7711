using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Organisation administration in the browser: hit-alert opt-in, users with last sign-in and authenticator, types in words.</summary>
public class AdminOrgTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgAdmin_TurnsHitAlertsOnAndOff_AsTheRestSettingSays_AndAnAnalystMayNotOpenThePage(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var reader = await alliance.ClientAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Hit alerts" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/alerts");
        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(web.Page.Locator("#alerts-state")).ToContainTextAsync("off");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn hit alerts on" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Hit alerts are on for your organisation." })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator("#alerts-state")).ToContainTextAsync("on");
        await web.ScreenshotAsync("admin-alerts");
        Assert.True((await (await reader.GetAsync("/api/v1/alerts/settings", Ct)).JsonAsync()).GetProperty("enabled").GetBoolean());

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn hit alerts off" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator("#alerts-state")).ToContainTextAsync("off");
        Assert.False((await (await reader.GetAsync("/api/v1/alerts/settings", Ct)).JsonAsync()).GetProperty("enabled").GetBoolean());

        await using var analyst = await browser.OpenAsync(node);
        await analyst.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        Assert.Equal(403, (await analyst.Page.GotoAsync("/admin/alerts"))!.Status);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Users_ShowLastSignInAndAuthenticator_AndTheListCanBeSearched(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.ReadOnly);
        using (await FormSession.SignInAsAsync(node, alliance, "Alpha", Role.Analyst))
        {
            // Signed in once (REST login); the read-only user only ever used its API key, which is no sign-in.
        }

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);
        await web.Page.GotoAsync("/admin/users");

        var users = web.Page.GetByRole(AriaRole.Table, new() { Name = "Users" });
        var analyst = users.GetByRole(AriaRole.Row).Filter(new() { HasText = TestAlliance.UserName("Alpha", Role.Analyst) });
        await Assertions.Expect(analyst).ToContainTextAsync(node.Time.GetUtcNow().UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(analyst).ToContainTextAsync("off");
        await Assertions.Expect(users.GetByRole(AriaRole.Row).Filter(new() { HasText = TestAlliance.UserName("Alpha", Role.ReadOnly) })).ToContainTextAsync("never");

        // The users page's own search box (the header holds the site's search too).
        await web.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("READONLY");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(users.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(users).ToContainTextAsync(TestAlliance.UserName("Alpha", Role.ReadOnly));
        await web.ScreenshotAsync("admin-users-search");

        await web.Page.GotoAsync("/admin/users?q=nobody-here");
        await Assertions.Expect(web.Page.GetByText("No user matches “nobody-here”.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Organisations_ShowTheirTypesInWords()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Secretariat);

        await web.Page.GotoAsync("/admin/organisations");

        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Organisations" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Alpha" });
        await Assertions.Expect(row).ToContainTextAsync("Government agency");
        await Assertions.Expect(web.Page.GetByLabel("Type").Locator("option")).ToHaveTextAsync(["Government agency", "Public body", "Non-profit", "Private partner"]);
        Assert.DoesNotContain("GovernmentAgency", await web.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
