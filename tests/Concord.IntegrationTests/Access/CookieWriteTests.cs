using System.Net;
using System.Text;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

/// <summary>REST writes riding on the session cookie must be JSON from the node's own origin; API-key callers are unaffected.</summary>
public class CookieWriteTests
{
    private static CancellationToken Ct => AccessHttp.Ct;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CookieWrites_WithoutJsonOrFromAnotherOrigin_AreRefused_AndChangeNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var keyClient = await alliance.ClientAsync("Alpha", Role.Analyst);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node.BaseAddress };
        await browser.PostJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });

        // What a form on another site can send: no JSON type.
        using var form = await browser.PostAsync("/api/v1/api-keys", new StringContent("name=evil", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        await form.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "json-required");
        using var plain = await browser.PostAsync("/api/v1/api-keys", new StringContent("{\"name\":\"evil\"}", Encoding.UTF8, "text/plain"), Ct);
        await plain.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "json-required");

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = new StringContent("{\"name\":\"evil\"}", Encoding.UTF8, "application/json") };
        foreign.Headers.Add("Origin", "https://evil.example");
        await (await browser.SendAsync(foreign, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "cross-site-request");
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = new StringContent("{\"name\":\"evil\"}", Encoding.UTF8, "application/json") };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        await (await browser.SendAsync(crossSite, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "cross-site-request");

        var keys = await (await browser.GetAsync("/api/v1/api-keys", Ct)).JsonAsync();
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "evil");

        // The node's own pages: JSON, same origin.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = new StringContent("{\"name\":\"mine\"}", Encoding.UTF8, "application/json") };
        own.Headers.Add("Origin", node.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(own, Ct)).StatusCode);

        // API keys are never sent by a browser on its own: no such rule for them.
        using var script = await keyClient.PostAsync("/api/v1/api-keys/00000000-0000-0000-0000-000000000000/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
    }
}
