using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Signing in and out, wrong passwords, lockout and the forced password change, in a real headless Chromium.</summary>
public class SignInTests(Browser browser)
{
    private static readonly string Analyst = TestAlliance.UserName("Alpha", Role.Analyst);

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
        await web.SignInAsync(Analyst, TestAlliance.Password);

        Assert.Equal(node.BaseAddress.ToString(), web.Page.Url);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator(".account-menu .name")).ToHaveTextAsync(Analyst);
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignIn_ComesBackToThePageAskedFor(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);

        await web.Page.GotoAsync("/account/api-keys");
        await web.Page.GetByLabel("User name").FillAsync(Analyst);
        await web.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestAlliance.Password);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession_SoTheDashboardAsksToSignInAgain()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await web.Page.GotoAsync("/");
        Assert.Contains("/login?returnUrl=", web.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndStaysSignedOut()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);

        await web.SignInAsync(Analyst, "not the password");

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password, or the account is disabled.");
        Assert.Contains("/login", web.Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RepeatedWrongPasswords_MakeThisBrowserWait_AndEvenTheRightOneIsRefusedUntilThen(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        await using var web = await browser.OpenAsync(node);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await web.SignInAsync(Analyst, $"wrong {attempt}");
        }

        await web.SignInAsync(Analyst, TestAlliance.Password);

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed attempts for this account from your address");
        Assert.DoesNotContain(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
        await web.ScreenshotAsync("login-throttled");

        // The wait grows with each failure, up to the lockout duration; after it, the right password signs in.
        node.Time.Advance(TimeSpan.FromMinutes(15));
        await web.SignInAsync(Analyst, TestAlliance.Password);
        Assert.Contains(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
    }

    [Fact]
    public async Task SignInAttempts_ShareTheRestLoginsPerAddressLimit_AndTheBrowserIsToldToWait()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?> { ["Concord:Access:LoginPermitsPerMinute"] = "3" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        using var client = node.CreateClient();
        await using var web = await browser.OpenAsync(node);

        var rest = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = "wrong" }, TestContext.Current.CancellationToken);
        await web.SignInAsync(Analyst, "wrong again");
        await web.SignInAsync(Analyst, "and again");
        await web.SignInAsync(Analyst, TestAlliance.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Too many requests" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OneTimePassword_MustBeReplacedBeforeAnythingElse_ThenTheNewPasswordSignsIn(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        var oneTime = await WebData.UserWithOneTimePasswordAsync(node, "admin", null, Role.NodeAdmin);
        await using var web = await browser.OpenAsync(node);

        await web.SignInAsync("admin", oneTime);
        Assert.EndsWith("/account/password", web.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "one-time password" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("change-password");
        await web.Page.GotoAsync("/admin");
        Assert.EndsWith("/account/password", web.Page.Url, StringComparison.Ordinal);

        await web.Page.GetByLabel("Current password").FillAsync(oneTime);
        await web.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("a much longer passphrase");
        await web.Page.GetByLabel("New password again").FillAsync("a much longer passphrase");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your password was changed" })).ToBeVisibleAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync("admin", "a much longer passphrase");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_IsRefusedWithTheReason()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/account/password");
        await web.Page.GetByLabel("Current password").FillAsync("not my password");
        await web.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("a much longer passphrase");
        await web.Page.GetByLabel("New password again").FillAsync("a much longer passphrase");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The current password is wrong.");
    }
}
