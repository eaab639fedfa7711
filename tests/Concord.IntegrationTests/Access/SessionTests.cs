using System.Net;
using Concord.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

public class SessionTests
{
    private static HttpClient CookieClient(TestNode node) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node.BaseAddress };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Login_WithPassword_SetsAHttpOnlyStrictCookieThatLogoutEnds(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.Analyst);
        using var browser = CookieClient(node);

        var login = await browser.PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("concord.session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await (await browser.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();
        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal("Alpha", me.GetProperty("organisationName").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/v1/auth/logout", null, AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Login_WrongOrMissingCredentials_AnswersProblemDetails(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.Analyst);
        using var browser = CookieClient(node);

        await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "alpha-analyst", password = "wrong password!" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "nobody", password = "wrong password!" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var missing = await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "alpha-analyst" });
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "required");
        Assert.Equal("password", (await missing.JsonAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Password_FiveFailures_LockTheAccountUntilAnAdminResetsIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var userName = TestAlliance.UserName("Alpha", Role.Analyst);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = node.WithBasic(userName, "not the password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        }

        using var right = node.WithBasic(userName, TestAlliance.Password);
        await (await right.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var user = await (await admin.GetAsync($"/api/v1/users/{analystId}", AccessHttp.Ct)).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, user.GetProperty("lockedOutUntil").ValueKind);

        var reset = await (await admin.PostAsync($"/api/v1/users/{analystId}/reset-password", null, AccessHttp.Ct)).JsonAsync();
        using var afterReset = node.WithBasic(userName, reset.GetProperty("oneTimePassword").GetString()!);
        var me = await (await afterReset.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync();
        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Login_BeyondTheRateLimit_Answers429WithRetryAfter(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:LoginPermitsPerMinute"] = "3" });
        using var browser = CookieClient(node);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "someone", password = "guess number " + i })).StatusCode);
        }

        var limited = await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "someone", password = "guess again" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bearer_RepeatedFailuresFromOneAddress_Answer429EvenForAValidKey(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:FailedAuthenticationsPerMinute"] = "3" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var valid = await alliance.ClientAsync("Alpha", Role.Analyst);

        for (var i = 0; i < 3; i++)
        {
            using var guess = node.WithBearer($"ck_0123456789abcdef_{new string('x', 42)}{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        }

        var blocked = await valid.GetAsync("/api/v1/me", AccessHttp.Ct);
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(blocked.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Cookie_AfterAnAdminResetsThePassword_StopsWorking(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        using var browser = CookieClient(node);
        await browser.PostJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/organisations", AccessHttp.Ct)).StatusCode);

        await admin.PostAsync($"/api/v1/users/{analystId}/reset-password", null, AccessHttp.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/organisations", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnsureNodeAdmin_OnAnEmptyNode_CreatesAdminOnceWithAOneTimePassword(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await using var scope = node.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
        Assert.False(await access.HasAnyUserAsync(AccessHttp.Ct));

        var password = await access.EnsureNodeAdminAsync(null, AccessHttp.Ct);
        Assert.NotNull(password);
        Assert.Null(await access.EnsureNodeAdminAsync(null, AccessHttp.Ct));
        Assert.True(await access.HasAnyUserAsync(AccessHttp.Ct));

        using var browser = CookieClient(node);
        var login = await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "admin", password })).JsonAsync();
        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal("node-admin", login.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/users", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await browser.PostJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "the node admin's own passphrase" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users", AccessHttp.Ct)).StatusCode);
    }
}
