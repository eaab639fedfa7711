using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Keyboard use and labelled controls.</summary>
public class PolishTests(Browser browser)
{
    [Fact]
    public async Task Keyboard_FocusStartsOnThePageHeading_AndTheSkipLinkJumpsOverTheNavigation()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);
        await web.Page.GotoAsync("/account");
        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("Your account", await ActiveTextAsync(web));
        await web.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Change password", await ActiveTextAsync(web));

        // The first stop of the page is the skip link, to the main region (which can take focus).
        Assert.Equal("Skip to content", await web.Page.EvaluateAsync<string>("document.querySelector('a[href], button, input, select').textContent.trim()"));
        Assert.Equal("-1", await web.Page.Locator("main#content").GetAttributeAsync("tabindex"));
    }

    private static Task<string> ActiveTextAsync(WebPage web) => web.Page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

    [Theory]
    [InlineData("/login")]
    [InlineData("/account/password")]
    [InlineData("/account/api-keys")]
    [InlineData("/admin")]
    [InlineData("/admin/organisations")]
    [InlineData("/admin/sharing-groups")]
    public async Task EveryFormControl_HasALabel(string path)
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await using var web = await browser.OpenAsync(node);
        if (path != "/login")
        {
            await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);
        }

        await web.Page.GotoAsync(path);

        await AssertEveryControlLabelledAsync(web);
    }

    [Fact]
    public async Task EveryFormControl_OfTheEditPagesAndTheRecoveryCodeStep_HasALabel()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        foreach (var path in new[] { $"/admin/organisations/{alliance.OrgId("Bravo")}", $"/admin/sharing-groups/{group}", "/admin" })
        {
            await web.Page.GotoAsync(path);
            await AssertEveryControlLabelledAsync(web);
        }

        // The recovery-code step is reached only between the password and the code.
        await web.Page.GotoAsync("/account");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator" }).ClickAsync();
        var key = await web.Page.Locator("#totp-key").InnerTextAsync();
        await web.Page.GetByLabel("Code from the app").FillAsync(Totp.Code(key, node.Time.GetUtcNow()));
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await AssertEveryControlLabelledAsync(web);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(TestAlliance.UserName("Alpha", Role.NodeAdmin), TestAlliance.Password);
        await web.Page.GotoAsync("/login/recovery");
        Assert.EndsWith("/login/recovery", web.Page.Url, StringComparison.Ordinal);
        await AssertEveryControlLabelledAsync(web);
    }

    private static async Task AssertEveryControlLabelledAsync(WebPage web)
    {
        var unlabelled = await web.Page.EvaluateAsync<string[]>(
            """
            Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                .map(e => e.outerHTML)
            """);
        Assert.Empty(unlabelled);
        Assert.True((await web.Page.Locator("input:not([type=hidden]), select").AllAsync()).Count > 0, $"{web.Page.Url} has no form controls");
    }
}
