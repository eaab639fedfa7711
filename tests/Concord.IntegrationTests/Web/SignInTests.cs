using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Signing in and out in a real headless Chromium.</summary>
public class SignInTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignIn_WithTheRightPassword_LandsOnTheDashboardWithTheUsersNameInTheHeader(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);

        await web.Page.GotoAsync("/");
        Assert.EndsWith("/login?returnUrl=%2F", web.Page.Url, StringComparison.Ordinal);
        await web.ScreenshotAsync("login");
        await web.SignInAsync(TestAlliance.UserName("Alpha", Role.Analyst), TestAlliance.Password);

        Assert.Equal(node.BaseAddress.ToString(), web.Page.Url);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator(".account-menu .name")).ToHaveTextAsync(TestAlliance.UserName("Alpha", Role.Analyst));
        Assert.Empty(web.ConsoleErrors);
    }
}
