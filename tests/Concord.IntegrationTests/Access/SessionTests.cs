using System.Net.Http.Json;
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

        using var copy = node.CreateClient();
        copy.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostJsonAsync("/api/v1/auth/logout", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        // The session ended on the server: a copy of the cookie taken before signing out no longer works either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sessions_EndOnTheServer_WhenAnAdminChangesTheRoleOrDisablesTheUser(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        using var first = CookieClient(node);
        using var second = CookieClient(node);
        foreach (var browser in new[] { first, second })
        {
            await browser.PostJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/users/{analystId}", new { role = "read-only" }, AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);

        await second.PostJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });
        Assert.Equal("read-only", (await (await second.GetAsync("/api/v1/me", AccessHttp.Ct)).JsonAsync()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{analystId}/disable", null, AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
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
    public async Task Password_ALockedAccount_IsUnlockedByAnAdminsPasswordReset(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:MaxFailedPasswordAttempts"] = "5" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var userName = TestAlliance.UserName("Alpha", Role.Analyst);

        // From five addresses, so that no per-address brake holds the guesses up before the account locks.
        for (var i = 0; i < 5; i++)
        {
            using var wrong = node.BasicFrom($"127.0.0.{i + 2}", userName, "not the password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        }

        using var right = node.BasicFrom("127.0.0.9", userName, TestAlliance.Password);
        await (await right.GetAsync("/api/v1/me", AccessHttp.Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var user = await (await admin.GetAsync($"/api/v1/users/{analystId}", AccessHttp.Ct)).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, user.GetProperty("lockedOutUntil").ValueKind);

        var reset = await (await admin.PostAsync($"/api/v1/users/{analystId}/reset-password", null, AccessHttp.Ct)).JsonAsync();
        using var afterReset = node.BasicFrom("127.0.0.9", userName, reset.GetProperty("oneTimePassword").GetString()!);
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
    public async Task Bearer_RepeatedFailuresFromOneAddress_Answer429ForWrongKeys_ButNeverForAValidOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:FailedAuthenticationsPerMinute"] = "3" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var valid = await alliance.ClientAsync("Alpha", Role.Analyst);

        for (var i = 0; i < 3; i++)
        {
            using var guess = node.WithBearer($"ck_0123456789abcdef_{new string('x', 42)}{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        }

        using var another = node.WithBearer($"ck_0123456789abcdef_{new string('x', 42)}z");
        var blocked = await another.GetAsync("/api/v1/me", AccessHttp.Ct);
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(blocked.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
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
            (await browser.PostJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "the operator's own long passphrase" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users", AccessHttp.Ct)).StatusCode);
    }
}
