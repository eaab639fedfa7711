using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// Authenticator (TOTP) enrolment in the browser and signing in with a code; the REST login then wants the code too,
/// and Basic refuses the password alone. Identity checks codes against the real clock, so the test computes them so.
/// </summary>
public class TotpTests(Browser browser)
{
    private static readonly string Analyst = TestAlliance.UserName("Alpha", Role.Analyst);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Enrolment_ThenSignIn_AsksForTheCodeAndAcceptsTheCurrentOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        var key = await EnrolAsync(web);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        Assert.Contains("/login/code", web.Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
        await web.ScreenshotAsync("login-code");

        await web.Page.GetByLabel("Code").FillAsync("000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right");

        await web.Page.GetByLabel("Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        Assert.Contains(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithAnAuthenticator_RestLoginWantsTheCode_AndBasicRefusesThePasswordAlone(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var key = await EnrolAsync(web);
        using var client = node.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password }, ct);
        await withoutCode.AssertProblemAsync(HttpStatusCode.Unauthorized, "totp-required");
        var withCode = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { userName = Analyst, password = TestAlliance.Password, totpCode = Totp.Code(key, DateTimeOffset.UtcNow) }, ct);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);

        using var basic = node.WithBasic(Analyst, TestAlliance.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/v1/me", ct)).StatusCode);
        using var basicWithKey = node.WithBasic(Analyst, await alliance.ApiKeyAsync("Alpha", Role.Analyst));
        Assert.Equal(HttpStatusCode.OK, (await basicWithKey.GetAsync("/api/v1/me", ct)).StatusCode);
    }

    [Fact]
    public async Task TurningTheAuthenticatorOff_NeedsThePassword_ThenSignInIsPasswordOnlyAgain()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        await EnrolAsync(web);

        await web.Page.GetByLabel("Your password, to turn it off").FillAsync("wrong password");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off the authenticator" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The password is wrong.");
        await web.Page.GetByLabel("Your password, to turn it off").FillAsync(TestAlliance.Password);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off the authenticator" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The authenticator is off." })).ToBeVisibleAsync();

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    /// <summary>Enrols on the account page as a person would: start, read the key, type the app's code. Returns the key.</summary>
    private static async Task<string> EnrolAsync(WebPage web)
    {
        await web.Page.GotoAsync("/account");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator" }).ClickAsync();
        var key = await web.Page.Locator("#totp-key").InnerTextAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Img, new() { Name = "QR code of your authenticator key" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("account-totp-enrolment");

        await web.Page.GetByLabel("Code from the app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The authenticator is on. From now on, signing in asks for its code." })).ToBeVisibleAsync();
        return key;
    }
}
