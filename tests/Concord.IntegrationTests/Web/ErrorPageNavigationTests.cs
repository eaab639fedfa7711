using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>A signed-in reader who reaches a 404 or 403 keeps the navigation and the account menu, as on every page.</summary>
public class ErrorPageNavigationTests(Browser browser)
{
    [Fact]
    public async Task NotFoundAndNotAllowed_SignedIn_KeepTheNavigationAndSignOut()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var navigation = web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        Assert.Equal(404, (await web.Page.GotoAsync("/no/such/page"))!.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Intel" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator(".account-menu .name")).ToHaveTextAsync(TestAlliance.UserName("Alpha", Role.Analyst));
        await web.ScreenshotAsync("not-found-signed-in");

        Assert.Equal(403, (await web.Page.GotoAsync("/admin"))!.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("not-allowed-signed-in");

        // The navigation works from there, and so does signing out (the form carries its antiforgery token).
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Intel" }).ClickAsync();
        await Assertions.Expect(web.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/intel$"));
        Assert.Equal(404, (await web.Page.GotoAsync("/no/such/page"))!.Status);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(web.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task NotFound_SignedOut_OffersToSignInAndShowsNoNavigation()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        await using var web = await browser.OpenAsync(node);

        Assert.Equal(404, (await web.Page.GotoAsync("/no/such/page"))!.Status);

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);
    }
}
