using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

/// <summary>
/// Guessing is slowed per user name and address and per address, and an account locks only after many failures from
/// anywhere — but nobody can use any of it against others: a valid API key always works, and the owner signs in from
/// their own address while someone else guesses elsewhere. Other client addresses are other loopback addresses.
/// </summary>
public class ThrottleTests
{
    private static CancellationToken Ct => AccessHttp.Ct;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WrongPasswords_FromOneAddress_SlowThatAddressDown_NotTheOwnerElsewhere(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.UserIdAsync("Alpha", Role.Analyst);
        var userName = TestAlliance.UserName("Alpha", Role.Analyst);
        using var attacker = node.BasicFrom("127.0.0.2", userName, "not the password at all");
        using var attackerRight = node.BasicFrom("127.0.0.2", userName, TestAlliance.Password);
        using var owner = node.BasicFrom("127.0.0.3", userName, TestAlliance.Password);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await attacker.GetAsync("/api/v1/me", Ct);
            Assert.True(wrong.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"attempt {i}: {wrong.StatusCode}");
        }

        // Even the right password waits from the guessing address (it is not checked at all) …
        var waiting = await attackerRight.GetAsync("/api/v1/me", Ct);
        await waiting.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(waiting.Headers.RetryAfter);

        // … while the owner, elsewhere, is not held up, and nothing is locked for them.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/me", Ct)).StatusCode);

        // Once the wait has passed, the right password works from there too.
        node.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await attackerRight.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ManyFailuresFromManyAddresses_LockTheAccount_ButNotForAnAddressTheOwnerSignedInFrom(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:MaxFailedPasswordAttempts"] = "4" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var userName = TestAlliance.UserName("Alpha", Role.Analyst);
        using var owner = node.BasicFrom("127.0.0.10", userName, TestAlliance.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/me", Ct)).StatusCode);

        for (var i = 2; i <= 5; i++)
        {
            using var guess = node.BasicFrom($"127.0.0.{i}", userName, "a guess that is wrong " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync("/api/v1/me", Ct)).StatusCode);
        }

        var user = await (await admin.GetAsync($"/api/v1/users/{analystId}", Ct)).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, user.GetProperty("lockedOutUntil").ValueKind);
        using var stranger = node.BasicFrom("127.0.0.20", userName, TestAlliance.Password);
        await (await stranger.GetAsync("/api/v1/me", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FailuresFromOneAddress_NeverRefuseAValidApiKey_NorAUserWhoSignedInFromThere(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:FailedAuthenticationsPerMinute"] = "3" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.Analyst);
        await alliance.UserIdAsync("Alpha", Role.ReadOnly);
        using var colleague = node.BasicFrom("127.0.0.2", TestAlliance.UserName("Alpha", Role.ReadOnly), TestAlliance.Password);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/v1/me", Ct)).StatusCode);

        using var shared = node.FromAddress("127.0.0.2");
        for (var i = 0; i < 4; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            guess.Headers.Authorization = new("Bearer", $"ck_0123456789abcdef_{new string('x', 42)}{i}");
            await shared.SendAsync(guess, Ct);
        }

        using var badKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        badKey.Headers.Authorization = new("Bearer", $"ck_0123456789abcdef_{new string('y', 43)}");
        await (await shared.SendAsync(badKey, Ct)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        using var goodKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        goodKey.Headers.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await shared.SendAsync(goodKey, Ct)).StatusCode);
        using var basicKey = node.BasicFrom("127.0.0.2", "anyone", key);
        basicKey.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        Assert.Equal(HttpStatusCode.OK, (await basicKey.GetAsync("/taxii2/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/v1/me", Ct)).StatusCode);

        // A password for someone who never signed in from this address waits; TAXII says so in its own format.
        await alliance.UserIdAsync("Alpha", Role.OrgAdmin);
        using var newcomer = node.BasicFrom("127.0.0.2", TestAlliance.UserName("Alpha", Role.OrgAdmin), TestAlliance.Password);
        await (await newcomer.GetAsync("/api/v1/me", Ct)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        newcomer.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        var taxii = await newcomer.GetAsync("/taxii2/", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, taxii.StatusCode);
        Assert.Equal("application/taxii+json", taxii.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(taxii.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Basic_ARememberedPassword_StopsWorkingOnceThePasswordChanges(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var basic = await alliance.PasswordClientAsync("Alpha", Role.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/v1/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{analystId}/reset-password", null, Ct)).StatusCode);

        await (await basic.GetAsync("/api/v1/me", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }
}
