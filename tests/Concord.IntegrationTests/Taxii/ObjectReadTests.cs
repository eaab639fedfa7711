using System.Net;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>T 5.3, 5.4, 5.6, 5.8, 3.2, 3.3, 3.4, 3.5: reading objects, manifests and versions with every filter.</summary>
public class ObjectReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GetObjects_EmptyCollection_AnswersEmptyEnvelopeWithoutDateHeaders(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync(All + "objects/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertTaxii(response);
        Assert.Empty(await JsonAsync(response));
        Assert.False(response.Headers.Contains("X-TAXII-Date-Added-First"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GetObjects_ReturnsExactStoredBytesInDateAddedOrder_WithDateHeaders(Store store)
    {
        await using var h = await StartAsync(store);
        var a = Indicator(tlp: Tlp.Green);
        var b = Indicator(tlp: Tlp.Green);
        await h.SeedAsync("Alpha", b);
        await h.SeedAsync("Alpha", a);
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync(All + "objects/", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();

        Assert.Equal([b["id"]!.GetValue<string>(), a["id"]!.GetValue<string>()], Ids(envelope));
        Assert.Contains(Json(b), text, StringComparison.Ordinal);
        Assert.Null(envelope["more"]);
        var first = Assert.Single(response.Headers.GetValues("X-TAXII-Date-Added-First"));
        var last = Assert.Single(response.Headers.GetValues("X-TAXII-Date-Added-Last"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", first);
        Assert.True(string.CompareOrdinal(first, last) < 0);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Paging_WithLimitAndNext_WalksEveryObjectOnce_EvenWhileObjectsAreAdded(Store store)
    {
        await using var h = await StartAsync(store);
        var seeded = Enumerable.Range(0, 7).Select(_ => Indicator(tlp: Tlp.Green)).ToArray();
        await h.SeedAsync("Alpha", seeded);
        var client = await h.ClientAsync("Alpha");

        var seen = new List<string>();
        var url = All + "objects/?limit=3";
        var pages = 0;
        while (true)
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var envelope = await JsonAsync(response);
            seen.AddRange(Ids(envelope));
            Assert.True(Ids(envelope).Count <= 3);
            if (pages++ == 0)
            {
                await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green));
            }

            if (envelope["more"]?.GetValue<bool>() != true)
            {
                break;
            }

            url = All + "objects/?limit=3&next=" + Uri.EscapeDataString(envelope["next"]!.GetValue<string>());
        }

        Assert.Equal(9, seen.Count);
        Assert.Equal(9, seen.Distinct().Count());
        Assert.Equal(seeded.Select(o => o["id"]!.GetValue<string>()), seen.Take(7));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddedAfter_KeepsOnlyObjectsAddedStrictlyLater(Store store)
    {
        await using var h = await StartAsync(store);
        await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green));
        var client = await h.ClientAsync("Alpha");
        using var first = await client.GetAsync(All + "manifest/", Ct);
        var firstAdded = Assert.Single(first.Headers.GetValues("X-TAXII-Date-Added-Last"));
        var later = Indicator(tlp: Tlp.Green);
        await h.SeedAsync("Alpha", later);

        using var response = await client.GetAsync(All + "objects/?added_after=" + firstAdded, Ct);

        Assert.Equal([later["id"]!.GetValue<string>()], Ids(await JsonAsync(response)));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MatchFilters_TypeIdVersionAndSpecVersion_CombineAsAndWithinOr(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        var other = Indicator(tlp: Tlp.Green);
        await h.SeedAsync("Alpha",
            Indicator(id, "2026-01-01T00:00:00.000Z", Tlp.Green), Indicator(id, "2026-02-01T00:00:00.000Z", Tlp.Green),
            Indicator(id, "2026-03-01T00:00:00.000Z", Tlp.Green), other, Malware());
        var client = await h.ClientAsync("Alpha");

        async Task<List<string>> Versions(string query)
        {
            using var response = await client.GetAsync(All + "manifest/?" + query, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var manifest = await JsonAsync(response);
            return manifest["objects"]?.AsArray().Select(o => o!["id"]!.GetValue<string>() + "@" + o["version"]!.GetValue<string>()).ToList() ?? [];
        }

        Assert.Equal([$"{id}@2026-03-01T00:00:00.000Z"], await Versions($"match[id]={id}"));
        Assert.Equal([$"{id}@2026-01-01T00:00:00.000Z"], await Versions($"match[id]={id}&match[version]=first"));
        Assert.Equal(3, (await Versions($"match[id]={id}&match[version]=all")).Count);
        Assert.Equal(2, (await Versions($"match[id]={id}&match[version]=first,last")).Count);
        Assert.Equal([$"{id}@2026-02-01T00:00:00.000Z"], await Versions($"match[id]={id}&match[version]=2026-02-01T00:00:00Z"));
        Assert.Equal(2, (await Versions($"match[id]={id},{other["id"]}")).Count);
        Assert.Equal(2, (await Versions("match[type]=indicator")).Count);
        Assert.Equal(3, (await Versions("match[type]=indicator,malware")).Count);
        Assert.Empty(await Versions("match[type]=campaign"));
        Assert.Single(await Versions($"match[type]=indicator&match[id]={id}&match[spec_version]=2.1"));
        Assert.Empty(await Versions("match[spec_version]=2.0"));
        Assert.Equal(3, (await Versions("match[unknown]=ignored")).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectById_AndVersions_ServeTheObjectsVersions_UnknownIs404(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        await h.SeedAsync("Alpha", Indicator(id, "2026-01-01T00:00:00.000Z", Tlp.Green), Indicator(id, "2026-02-01T00:00:00.000Z", Tlp.Green));
        var client = await h.ClientAsync("Alpha");

        using var latest = await client.GetAsync(All + $"objects/{id}/", Ct);
        var latestEnvelope = await JsonAsync(latest);
        using var all = await client.GetAsync(All + $"objects/{id}/?match[version]=all", Ct);
        using var versions = await client.GetAsync(All + $"objects/{id}/versions/", Ct);
        var versionList = await JsonAsync(versions);

        Assert.Equal("2026-02-01T00:00:00.000Z", Assert.Single(latestEnvelope["objects"]!.AsArray())!["modified"]!.GetValue<string>());
        Assert.True(latest.Headers.Contains("X-TAXII-Date-Added-First"));
        Assert.Equal(2, (await JsonAsync(all))["objects"]!.AsArray().Count);
        Assert.Equal(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"], versionList["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(versions.Headers.Contains("X-TAXII-Date-Added-Last"));
        await AssertErrorAsync(await client.GetAsync(All + $"objects/{NewId()}/", Ct), 404);
        await AssertErrorAsync(await client.GetAsync(All + $"objects/{NewId()}/versions/", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MalformedParameters_Answer400AsTaxiiError(Store store)
    {
        await using var h = await StartAsync(store);
        await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green));
        var client = await h.ClientAsync("Alpha");
        using var paged = await client.GetAsync(All + "objects/?limit=1", Ct);
        var next = (await JsonAsync(paged))["next"]!.GetValue<string>();

        foreach (var query in new[]
                 {
                     "limit=0", "limit=-1", "limit=abc", "added_after=yesterday", "added_after=2026-01-01T00:00:00", "match[version]=all,last",
                     "match[version]=latest", "match[version]=last,last", "match[id]=not-an-id", "match[type]=Indicator", "match[type]=",
                     "match[spec_version]=two", "match[type]=indicator&match[type]=malware", "next=bogus", $"next={next}&match[type]=malware",
                 })
        {
            var error = await AssertErrorAsync(await client.GetAsync(All + "objects/?" + query, Ct), 400);
            Assert.NotNull(error["details"]?["field"]);
        }

        await AssertErrorAsync(await client.GetAsync(All + "manifest/?limit=0", Ct), 400);
        await AssertErrorAsync(await client.GetAsync(All + "objects/" + NewId() + "/versions/?added_after=x", Ct), 400);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Limit_AboveTheServerCap_IsLoweredToIt_AndMoreIsSaid(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:MaxPageSize"] = "2" });
        await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green));
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync(All + "objects/?limit=100", Ct);
        var envelope = await JsonAsync(response);

        Assert.Equal(2, Ids(envelope).Count);
        Assert.True(envelope["more"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(envelope["next"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Collections_ListInStableOrder_WithCanWritePerPrincipal(Store store)
    {
        await using var h = await StartAsync(store);
        var analyst = await h.ClientAsync("Alpha");
        var reader = await h.ClientAsync("Alpha", Role.ReadOnly);

        var first = await JsonAsync(await analyst.GetAsync(Root + "collections/", Ct));
        var again = await JsonAsync(await analyst.GetAsync(Root + "collections/", Ct));
        var asReader = await JsonAsync(await reader.GetAsync(Root + "collections/", Ct));

        var collections = first["collections"]!.AsArray();
        Assert.Equal(Json(first), Json(again));
        Assert.Equal(["all", "alliance", "public"], collections.Select(c => c!["alias"]!.GetValue<string>()));
        Assert.All(collections, c =>
        {
            Assert.True(Guid.TryParse(c!["id"]!.GetValue<string>(), out _));
            Assert.True(c["can_read"]!.GetValue<bool>());
            Assert.True(c["can_write"]!.GetValue<bool>());
            Assert.Equal("application/stix+json;version=2.1", c["media_types"]![0]!.GetValue<string>());
        });
        Assert.All(asReader["collections"]!.AsArray(), c => Assert.False(c!["can_write"]!.GetValue<bool>()));
        var id = collections[1]!["id"]!.GetValue<string>();
        var byId = await JsonAsync(await analyst.GetAsync(Root + $"collections/{id}/", Ct));
        Assert.Equal("alliance", byId["alias"]!.GetValue<string>());
        await AssertErrorAsync(await analyst.GetAsync(Root + $"collections/{Guid.NewGuid()}/", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CollectionViews_ShowOnlyTheirScope(Store store)
    {
        await using var h = await StartAsync(store);
        var clear = Indicator(tlp: Tlp.Clear);
        var green = Indicator(tlp: Tlp.Green);
        await h.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Public }, clear);
        await h.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, green);
        var client = await h.ClientAsync("Bravo");

        Assert.Equal([clear["id"]!.GetValue<string>()], Ids(await JsonAsync(await client.GetAsync(Public + "objects/", Ct))));
        Assert.Equal([green["id"]!.GetValue<string>()], Ids(await JsonAsync(await client.GetAsync(Alliance + "objects/", Ct))));
        Assert.Equal(2, Ids(await JsonAsync(await client.GetAsync(All + "objects/", Ct))).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnonymousReads_WhenEnabled_SeeOnlyPublicCollectionsAndClearObjects(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:AllowAnonymousPublicReads"] = "true" });
        var clear = Indicator(tlp: Tlp.Clear);
        await h.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Public }, clear);
        await h.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, Indicator(tlp: Tlp.Green));
        var anonymous = h.Anonymous();

        var collections = await JsonAsync(await anonymous.GetAsync(Root + "collections/", Ct));

        Assert.Equal(["public"], collections["collections"]!.AsArray().Select(c => c!["alias"]!.GetValue<string>()));
        Assert.False(collections["collections"]![0]!["can_write"]!.GetValue<bool>());
        Assert.Equal([clear["id"]!.GetValue<string>()], Ids(await JsonAsync(await anonymous.GetAsync(Public + "objects/", Ct))));
        await AssertErrorAsync(await anonymous.GetAsync(All + "objects/", Ct), 404);
        await AssertErrorAsync(await anonymous.GetAsync(Alliance, Ct), 404);
    }

    private static System.Text.Json.Nodes.JsonObject Malware() => new()
    {
        ["type"] = "malware",
        ["spec_version"] = "2.1",
        ["id"] = NewId("malware"),
        ["created"] = "2026-01-01T00:00:00.000Z",
        ["modified"] = "2026-01-01T00:00:00.000Z",
        ["name"] = "Sample",
        ["is_family"] = true,
        ["object_marking_refs"] = new System.Text.Json.Nodes.JsonArray(Concord.Stix.Markings.TlpMarkings.IdOf(Tlp.Green)),
    };
}
