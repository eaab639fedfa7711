using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>A tampered form naming a role that does not exist answers an error and creates or changes nothing.</summary>
public class UnknownRoleTests(Browser browser)
{
    [Fact]
    public async Task Forms_GivenAnUnknownRole_SayAnError_AndChangeNothing()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByLabel("User name").FillAsync("tampered.user");
        await Tamper(web.Page, "#new-role");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose one of the roles offered");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Users" })).Not.ToContainTextAsync("tampered.user");

        var analyst = TestAlliance.UserName("Alpha", Role.Analyst);
        await Tamper(web.Page, $"select[aria-label='Role of {analyst}'], select#role-{await alliance.UserIdAsync("Alpha", Role.Analyst)}");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = $"Change role of {analyst}" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose one of the roles offered");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Row, new() { Name = analyst }).Locator("td").Nth(2)).ToHaveTextAsync("analyst");

        await web.Page.GotoAsync("/account/api-keys");
        await web.Page.GetByLabel("Name").FillAsync("tampered key");
        await Tamper(web.Page, "#key-role");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose one of the roles offered");
        await Assertions.Expect(web.Page.Locator("body")).Not.ToContainTextAsync("tampered key");
    }

    /// <summary>What a hand-edited form would post: the selected option of the select now carries a role that does not exist.</summary>
    private static Task Tamper(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync("s => { s.options[s.selectedIndex].value = 'Superuser'; }");
}
