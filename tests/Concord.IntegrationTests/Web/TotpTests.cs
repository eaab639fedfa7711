using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.Access.Data;
using Concord.IntegrationTests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// Authenticator (TOTP) enrolment in the browser and signing in with a code or a recovery code; the REST login then
/// wants one too, and Basic refuses the password alone. The node checks codes against its own clock (the test's fake
/// one), so the test computes them from that clock, and moves it on by a step where a fresh code is needed: each code
/// signs in once.
/// </summary>
public class TotpTests(Browser browser)
{
    private static readonly string Analyst = TestAlliance.UserName("Alpha", Role.Analyst);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Enrolment_ThenSignIn_AsksForTheCode_AcceptsTheNextOne_AndNotTheOneAlreadyUsed(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        var (key, _) = await EnrolAsync(web, node);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        Assert.Contains("/login/code", web.Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
        await web.ScreenshotAsync("login-code");

        // The enrolment's own code, still inside its 30 seconds: a replay, refused like a wrong code.
        await VerifyAsync(web, Code(node, key));
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right, or it was already used");

        node.Time.Advance(TimeSpan.FromSeconds(30));
        await VerifyAsync(web, Code(node, key));
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        Assert.Contains(await web.Context.CookiesAsync(), c => c.Name == "concord.session");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithAnAuthenticator_RestLoginWantsAFreshCode_AndBasicRefusesThePasswordAlone(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var (key, _) = await EnrolAsync(web, node);
        using var client = node.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Task<HttpResponseMessage> LoginAsync(string code) =>
            client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password, totpCode = code }, ct);

        var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password }, ct);
        await withoutCode.AssertProblemAsync(HttpStatusCode.Unauthorized, "totp-required");
        var enrolmentCode = Code(node, key);
        await (await LoginAsync(enrolmentCode)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        node.Time.Advance(TimeSpan.FromSeconds(30));
        var fresh = Code(node, key);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fresh)).StatusCode);
        await (await LoginAsync(fresh)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await (await LoginAsync(enrolmentCode)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        using var basic = node.WithBasic(Analyst, TestAlliance.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/v1/me", ct)).StatusCode);
        using var basicWithKey = node.WithBasic(Analyst, await alliance.ApiKeyAsync("Alpha", Role.Analyst));
        Assert.Equal(HttpStatusCode.OK, (await basicWithKey.GetAsync("/api/v1/me", ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecoveryCodes_AreShownOnceAtEnrolment_StoredHashed_AndEachSignsInOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        var (_, codes) = await EnrolAsync(web, node);

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        await Assertions.Expect(web.Page.Locator("#recovery-codes-left")).ToHaveTextAsync("10 left");
        await web.Page.GotoAsync("/account");
        await Assertions.Expect(web.Page.Locator("#recovery-codes-left")).ToHaveTextAsync("10 left");
        await Assertions.Expect(web.Page.Locator("#recovery-codes")).ToHaveCountAsync(0);
        var stored = Assert.IsType<string>(await RecoveryTokenAsync(node, await alliance.UserIdAsync("Alpha", Role.Analyst)));
        Assert.Equal(10, stored.Split(';').Length);
        Assert.All(codes, code => Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase));

        // Lost the phone: the code step offers a recovery code instead.
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Lost your authenticator? Use a recovery code" }).ClickAsync();
        await web.Page.GetByLabel("Recovery code").FillAsync(codes[3].ToLowerInvariant());
        await web.ScreenshotAsync("login-recovery");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You signed in with a recovery code" })).ToContainTextAsync("9 left");

        // The same code does not sign in twice, in the browser or over REST.
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        await web.Page.GotoAsync("/login/recovery");
        await web.Page.GetByLabel("Recovery code").FillAsync(codes[3]);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That recovery code is not right, or it was already used.");

        using var client = node.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var reused = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password, recoveryCode = codes[3] }, ct);
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var other = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password, recoveryCode = codes[7] }, ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task NewRecoveryCodes_NeedThePassword_AndReplaceTheOldOnes()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var (_, first) = await EnrolAsync(web, node);

        await web.Page.GetByLabel("Your password, to make new recovery codes").FillAsync("wrong password");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The password is wrong.");
        await Assertions.Expect(web.Page.Locator("#recovery-codes")).ToHaveCountAsync(0);

        await web.Page.GetByLabel("Your password, to make new recovery codes").FillAsync(TestAlliance.Password);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        var second = await web.Page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await web.ScreenshotAsync("account-recovery-codes");

        Assert.Equal(10, second.Count);
        Assert.Empty(first.Intersect(second));
        using var client = node.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var old = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password, recoveryCode = first[0] }, ct);
        await old.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var fresh = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Analyst, password = TestAlliance.Password, recoveryCode = second[0] }, ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task TurningTheAuthenticatorOff_NeedsThePassword_ThenSignInIsPasswordOnlyAgain_AndTheRecoveryCodesAreGone()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        await EnrolAsync(web, node);

        await web.Page.GetByLabel("Your password, to turn it off").FillAsync("wrong password");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off the authenticator" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The password is wrong.");
        await web.Page.GetByLabel("Your password, to turn it off").FillAsync(TestAlliance.Password);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off the authenticator" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The authenticator is off." })).ToBeVisibleAsync();
        Assert.Null(await RecoveryTokenAsync(node, await alliance.UserIdAsync("Alpha", Role.Analyst)));

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(Analyst, TestAlliance.Password);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    /// <summary>The code an authenticator app shows now, by the node's clock.</summary>
    private static string Code(TestNode node, string key) => Totp.Code(key, node.Time.GetUtcNow());

    private static async Task VerifyAsync(WebPage web, string code)
    {
        await web.Page.GetByLabel("Code").FillAsync(code);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>What the store keeps of the user's recovery codes (Identity's token row), or null without any.</summary>
    private static async Task<string?> RecoveryTokenAsync(TestNode node, Guid userId)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        return await db.UserTokens.Where(t => t.UserId == userId && t.Name == "RecoveryCodes").Select(t => t.Value).FirstOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Enrols on the account page as a person would: start, read the key, type the app's code, note the recovery codes.
    /// Returns the key and the codes.
    /// </summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(WebPage web, TestNode node)
    {
        await web.Page.GotoAsync("/account");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator" }).ClickAsync();
        var key = await web.Page.Locator("#totp-key").InnerTextAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Img, new() { Name = "QR code of your authenticator key" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("account-totp-enrolment");

        await web.Page.GetByLabel("Code from the app").FillAsync(Code(node, key));
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The authenticator is on. From now on, signing in asks for its code." })).ToBeVisibleAsync();
        var codes = await web.Page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await web.ScreenshotAsync("account-totp-recovery-codes");
        return (key, codes.Select(c => c.Trim()).ToList());
    }
}
