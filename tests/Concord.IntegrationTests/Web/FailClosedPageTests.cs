using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// The intel pages answer like the API: a stranger is sent to sign in and a one-time password must be replaced first;
/// only where the node admin allows anonymous public reads does a stranger read public TLP:CLEAR records — on the pages,
/// REST and TAXII alike — and then nothing else: no member list, no correlations, no other record.
/// </summary>
public class FailClosedPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IntelPages_ForAStranger_RedirectToSignIn_AndShowNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var (clear, _) = await SeedAsync(node, alliance);

        using var stranger = Page(node);
        foreach (var path in new[] { "/intel", $"/intel/objects/{clear}", "/intel?q=public" })
        {
            using var response = await stranger.GetAsync(path, Ct);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("Bravo", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Public lure", body, StringComparison.Ordinal);
        }

        using var api = node.CreateClient();
        await (await api.GetAsync("/api/v1/objects", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IntelPages_ForAUserWithAOneTimePassword_SendThemToChangeItFirst(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var (clear, _) = await SeedAsync(node, alliance, bravo: false);
        var oneTime = await WebData.UserWithOneTimePasswordAsync(node, "newcomer", alliance.OrgId("Alpha"), Role.Analyst);
        using var browser = Page(node, new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "newcomer", password = oneTime })).StatusCode);

        foreach (var path in new[] { "/intel", $"/intel/objects/{clear}", "/" })
        {
            using var response = await browser.GetAsync(path, Ct);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password", response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnonymousPublicReads_WhenTheAdminAllowsThem_ShowStrangersPublicRecordsOnly_OnEveryInterface(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:AllowAnonymousPublicReads"] = "true" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var (clear, green) = await SeedAsync(node, alliance);

        using var stranger = Page(node);
        using var api = node.CreateClient();
        var search = await (await stranger.GetAsync("/intel", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Public lure", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Alliance only", search, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"org\"", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Bravo", search, StringComparison.Ordinal);
        var page = await stranger.GetAsync($"/intel/objects/{clear}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Also reported by", await page.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/intel/objects/{green}", Ct)).StatusCode);

        var rest = await AccessHttp.JsonAsync(await api.GetAsync("/api/v1/objects", Ct));
        Assert.Equal([clear], rest.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        using var taxii = node.CreateClient();
        taxii.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        Assert.Equal(HttpStatusCode.OK, (await taxii.GetAsync("/taxii2/concord/collections/public/objects/", Ct)).StatusCode);

        // Refused credentials never fall back to anonymous; member-only reads stay closed.
        using var wrongKey = node.WithBearer($"ck_0123456789abcdef_{new string('x', 43)}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/v1/objects", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/objects/{clear}/correlations", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisations", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/", Ct)).StatusCode);
    }

    /// <summary>A TLP:CLEAR public indicator and a GREEN alliance one of Alpha's, and (optionally) organisation Bravo with nothing public.</summary>
    private static async Task<(string Clear, string Green)> SeedAsync(TestNode node, TestAlliance alliance, bool bravo = true)
    {
        var clear = Bundles.Indicator(tlp: Tlp.Clear, name: "Public lure");
        var green = Bundles.Indicator(tlp: Tlp.Green, name: "Alliance only");
        await WebData.ImportAsync(node, alliance, "Alpha", Bundles.Bundle(clear), new ImportOptions { Tlp = Tlp.Clear, Scope = Scope.Public });
        await WebData.ImportAsync(node, alliance, "Alpha", Bundles.Bundle(green), new ImportOptions { Tlp = Tlp.Green, Scope = Scope.Alliance });
        if (bravo)
        {
            await WebData.ImportAsync(node, alliance, "Bravo", Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Green, name: "Bravo's own")),
                new ImportOptions { Tlp = Tlp.Green, Scope = Scope.Alliance });
        }

        return ((string)clear["id"]!, (string)green["id"]!);
    }

    /// <summary>A client that asks for pages as a browser does, and does not follow redirects.</summary>
    private static HttpClient Page(TestNode node, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = node.BaseAddress,
        };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }
}
