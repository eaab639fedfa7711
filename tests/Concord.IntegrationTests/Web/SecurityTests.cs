using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The UI's security: headers and CSP, cookie flags, antiforgery on forms, and error pages that reveal nothing.</summary>
public class SecurityTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_CarryAContentSecurityPolicyWithoutInlineScript_AndTheUsualHeaders()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var client = node.CreateClient();

        var response = await client.GetAsync("/login", Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryPage_RendersUnderThePolicy_WithoutViolations_AndTheCookiesAreHttpOnlyAndStrict(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await DashboardData.SeedAsync(node, alliance);
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        foreach (var path in new[]
        {
            "/", "/account", "/account/password", "/account/api-keys", "/admin", "/admin/organisations", "/admin/sharing-groups",
            $"/admin/organisations/{alliance.OrgId("Bravo")}", $"/admin/sharing-groups/{group}", $"/admin/sharing-groups/{group}/delete",
        })
        {
            var response = await web.Page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
        }

        await web.Page.GotoAsync("/account");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Img, new() { Name = "QR code of your authenticator key" })).ToBeVisibleAsync();

        Assert.Empty(web.ConsoleErrors);
        var cookies = await web.Context.CookiesAsync();
        foreach (var name in new[] { "concord.session", "concord.antiforgery" })
        {
            var cookie = Assert.Single(cookies, c => c.Name == name);
            Assert.True(cookie.HttpOnly, name);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForgedPosts_WithoutTheAntiforgeryToken_AreRejected_AndChangeNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        // The browser's own cookies (the session), but a form the node did not hand out: what a cross-site page would send.
        var forged = web.Context.APIRequest;
        var password = await forged.PostAsync("/account/password", new() { Form = Form(forged, 
            ("_handler", "change-password"), ("Input.Current", TestAlliance.Password), ("Input.New", "attacker chosen pass"), ("Input.Confirm", "attacker chosen pass")) });
        var user = await forged.PostAsync("/admin", new() { Form = Form(forged, ("_handler", "create-user"), ("NewUser.UserName", "backdoor"), ("NewUser.Role", "OrgAdmin")) });
        var logout = await forged.PostAsync("/logout", new() { Form = Form(forged, ("x", "y")) });

        Assert.Equal([400, 400, 400], new[] { password.Status, user.Status, logout.Status });
        await web.Page.GotoAsync("/admin");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Users" })).Not.ToContainTextAsync("backdoor");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await web.SignInAsync(TestAlliance.UserName("Alpha", Role.OrgAdmin), TestAlliance.Password);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownPage_ShowsTheNotFoundPage_WhileApiPathsKeepProblemDetails()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        await using var web = await browser.OpenAsync(node);

        var page = await web.Page.GotoAsync("/no/such/page");
        var api = await web.Context.APIRequest.GetAsync("/api/v1/no-such-resource", new() { Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });

        Assert.Equal(404, page!.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await web.ScreenshotAsync("not-found");
        Assert.Equal(404, api.Status);
        Assert.DoesNotContain("text/html", api.Headers["content-type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageThatFails_ShowsAnErrorPage_WithoutTheExceptionOrAStackTrace()
    {
        const string Secret = "Password=hunter2 in a connection string";
        await using var node = await TestNode.StartAsync(Store.Sqlite, configureApp: app =>
            app.MapGet("/test/boom", string () => throw new InvalidOperationException(Secret)).AllowAnonymous());
        using var client = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/boom");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private static IFormData Form(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
