using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

public class MeEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MeAndAuth_AuthorizationMatrix_WithApiKeys(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);

        await matrix.CheckAsync("GET /me", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/me", AccessHttp.Ct));
        await matrix.CheckAsync("POST /me/password", "401 403 403 403 403 403 403", (_, c) => c.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = TestAlliance.Password, newPassword = "another long passphrase" }));
        await matrix.CheckAsync("POST /auth/logout", "204 204 204 204 204 204 204", (_, c) => c.PostAsync("/api/v1/auth/logout", null, AccessHttp.Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MeAndAuth_AuthorizationMatrix_WithPasswords(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance, passwords: true);

        await matrix.CheckAsync("GET /me", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/me", AccessHttp.Ct));

        // Wrong current password: every user may try (400), nobody anonymous (401).
        await matrix.CheckAsync("POST /me/password (wrong current)", "401 400 400 400 400 400 400", (_, c) => c.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = "not my password", newPassword = "another long passphrase" }));
        await matrix.CheckAsync("POST /auth/login", "200 200 200 200 200 200 200", (_, c) => c.PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Alpha", Role.ReadOnly), password = TestAlliance.Password }));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangePassword_WrongCurrentOrTooShort_NamesTheFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var user = await alliance.PasswordClientAsync("Alpha", Role.Analyst);

        var wrong = await user.PostJsonAsync("/api/v1/me/password", new { currentPassword = "nope", newPassword = "another long passphrase" });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "password-mismatch");
        Assert.Equal("currentPassword", (await wrong.JsonAsync()).GetProperty("field").GetString());

        var shortOne = await user.PostJsonAsync("/api/v1/me/password", new { currentPassword = TestAlliance.Password, newPassword = "short" });
        await shortOne.AssertProblemAsync(HttpStatusCode.BadRequest, "password-too-short");
        Assert.Equal("newPassword", (await shortOne.JsonAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Login_WhenSecureCookiesAreRequired_MarksTheCookieSecure(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:RequireSecureCookie"] = "true" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.Analyst);
        using var client = node.CreateClient();

        var login = await client.PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });

        Assert.Contains("secure", Assert.Single(login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }
}
