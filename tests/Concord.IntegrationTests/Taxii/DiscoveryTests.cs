using System.Net;
using System.Net.Http.Headers;
using Concord.Access;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>T 4.1, 4.2, 1.6.8, 3.1, 3.6: discovery, API root, media types, Accept negotiation and the error resource.</summary>
public class DiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Discovery_ListsApiRootsWithADefaultAmongThem_AsTaxiiJson(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync("/taxii2/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertTaxii(response);
        var discovery = await JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(discovery["title"]!.GetValue<string>()));
        var roots = discovery["api_roots"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(discovery["default"]!.GetValue<string>(), roots);
        Assert.All(roots, r => Assert.Matches("^/[^/]", r));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiRoot_AdvertisesTaxii21AndMaxContentLength(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:MaxContentLength"] = "65536" });
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync(Root, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertTaxii(response);
        var root = await JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(root["title"]!.GetValue<string>()));
        Assert.Contains(Taxii21, root["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(65536, root["max_content_length"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnknownApiRootOrPath_Answers404AsTaxiiError(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        await AssertErrorAsync(await client.GetAsync("/taxii2/nope/", Ct), 404);
        await AssertErrorAsync(await client.GetAsync("/taxii2/nope/collections/", Ct), 404);
        await AssertErrorAsync(await client.GetAsync(Root + "collections/" + Guid.NewGuid() + "/objects/", Ct), 404);
        await AssertErrorAsync(await client.GetAsync(Root + "whatever/else/", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_DefinedTaxiiTypesAreServed_OthersAnswer406(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        foreach (var accepted in new[] { "application/taxii+json;version=2.1", "application/taxii+json", "application/taxii+json; version=2.1",
                     "application/json;q=0.5, application/taxii+json;version=2.1", "application/taxii+json;version=2.1,application/stix+json;version=2.1", "*/*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Root);
            request.Headers.TryAddWithoutValidation("Accept", accepted);
            using var response = await client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, accepted);
            AssertTaxii(response);
        }

        foreach (var refused in new[] { "application/json", "application/taxii+json;version=2.0", "text/html", "application/taxii+json;version=2.1;q=0" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Root);
            request.Headers.TryAddWithoutValidation("Accept", refused);
            var error = await AssertErrorAsync(await client.SendAsync(request, Ct), 406);
            Assert.Equal("accept", error["error_code"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NoCredentials_Answers401WithAChallenge_WhenAnonymousReadsAreOff(Store store)
    {
        await using var h = await StartAsync(store);
        var anonymous = h.Anonymous();
        var wrongKey = Accept(h.Node.CreateClient());
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cnc_not-a-real-key");

        foreach (var path in new[] { "/taxii2/", Root, Root + "collections/", All + "objects/" })
        {
            using var response = await anonymous.GetAsync(path, Ct);
            await AssertErrorAsync(response, 401);
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
            using var refused = await wrongKey.GetAsync(path, Ct);
            await AssertErrorAsync(refused, 401);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicAuthentication_WithUserNameAndPassword_IsAccepted(Store store)
    {
        await using var h = await StartAsync(store);
        var basic = Accept(await h.Members.PasswordClientAsync("Alpha", Role.Analyst));

        using var response = await basic.GetAsync(Root + "collections/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TokenScheme_AsTheOasisClientsTokenAuthSendsIt_CarriesAnApiKey(Store store)
    {
        await using var h = await StartAsync(store);
        var key = await h.Members.ApiKeyAsync("Alpha", Role.Analyst);
        var token = Accept(h.Node.CreateClient());
        token.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", key);
        var wrong = Accept(h.Node.CreateClient());
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", key[..^4] + "AAAA");

        using var response = await token.GetAsync(Root + "collections/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alliance", (await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        await AssertErrorAsync(await wrong.GetAsync(Root + "collections/", Ct), 401);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RequestWithoutUserAgentOrTrailingSlash_IsServed(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        client.DefaultRequestHeaders.UserAgent.Clear();

        using var response = await client.GetAsync("/taxii2/concord", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
