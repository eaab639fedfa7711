using System.Net;
using Concord.Access;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>T 5.7 Delete an Object: the permission matrix, match[version] choosing versions, and what reads see afterwards.</summary>
public class DeleteObjectTests
{
    private const string V1 = "2026-01-01T00:00:00.000Z";
    private const string V2 = "2026-02-01T00:00:00.000Z";
    private const string V3 = "2026-03-01T00:00:00.000Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_ByTheOwner_RemovesEveryVersion_OthersAreRefused(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        await h.SeedAsync("Alpha", Indicator(id, V1, Tlp.Green), Indicator(id, V2, Tlp.Green));
        var owner = await h.ClientAsync("Alpha");
        var reader = await h.ClientAsync("Alpha", Role.ReadOnly);
        var other = await h.ClientAsync("Bravo");

        await AssertErrorAsync(await reader.DeleteAsync(All + $"objects/{id}/", Ct), 403);
        await AssertErrorAsync(await other.DeleteAsync(All + $"objects/{id}/", Ct), 403);
        await AssertErrorAsync(await owner.DeleteAsync(All + $"objects/{NewId()}/", Ct), 404);
        using var deleted = await owner.DeleteAsync(All + $"objects/{id}/", Ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        AssertTaxii(deleted);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(Ct));
        await AssertErrorAsync(await owner.GetAsync(All + $"objects/{id}/", Ct), 404);
        await AssertErrorAsync(await owner.GetAsync(All + $"objects/{id}/versions/", Ct), 404);
        Assert.Empty(Ids(await JsonAsync(await owner.GetAsync(All + "manifest/", Ct))));
        Assert.Empty(Ids(await JsonAsync(await owner.GetAsync(All + "objects/?match[version]=all", Ct))));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_MatchVersionFirst_RemovesOnlyTheFirstVersion(Store store)
    {
        await using var h = await StartAsync(store);
        var id = await SeedThreeVersionsAsync(h);
        var owner = await h.ClientAsync("Alpha");

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync(All + $"objects/{id}/?match[version]=first", Ct)).StatusCode);

        Assert.Equal([V2, V3], await VersionsAsync(owner, id));
        Assert.Equal(V2, await VersionOfAsync(owner, All + $"objects/{id}/?match[version]=first"));
        Assert.Equal(V3, await VersionOfAsync(owner, All + $"objects/{id}/"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_MatchVersionLast_RemovesTheLatest_AndTheNewestRemainingIsServedAsLatest(Store store)
    {
        await using var h = await StartAsync(store);
        var id = await SeedThreeVersionsAsync(h);
        var owner = await h.ClientAsync("Alpha");

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync(All + $"objects/{id}/?match[version]=last", Ct)).StatusCode);

        Assert.Equal([V1, V2], await VersionsAsync(owner, id));
        Assert.Equal(V2, await VersionOfAsync(owner, All + $"objects/{id}/"));
        var manifest = await JsonAsync(await owner.GetAsync(All + "manifest/", Ct));
        Assert.Equal(V2, Assert.Single(manifest["objects"]!.AsArray())!["version"]!.GetValue<string>());
        await AssertErrorAsync(await owner.GetAsync(All + $"objects/{id}/?match[version]={V3}", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_MatchVersionListOfTimestampsAndKeywords_RemovesExactlyThoseVersions(Store store)
    {
        await using var h = await StartAsync(store);
        var id = await SeedThreeVersionsAsync(h);
        var owner = await h.ClientAsync("Alpha");

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync(All + $"objects/{id}/?match[version]={V2},last", Ct)).StatusCode);
        Assert.Equal([V1], await VersionsAsync(owner, id));

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync(All + $"objects/{id}/?match[version]={V1}", Ct)).StatusCode);
        await AssertErrorAsync(await owner.GetAsync(All + $"objects/{id}/", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_MatchVersionNamingNoStoredVersion_Answers404AndDeletesNothing(Store store)
    {
        await using var h = await StartAsync(store);
        var id = await SeedThreeVersionsAsync(h);
        var owner = await h.ClientAsync("Alpha");

        await AssertErrorAsync(await owner.DeleteAsync(All + $"objects/{id}/?match[version]=2026-04-01T00:00:00.000Z", Ct), 404);
        await AssertErrorAsync(await owner.DeleteAsync(All + $"objects/{id}/?match[spec_version]=2.0", Ct), 404);
        await AssertErrorAsync(await owner.DeleteAsync(All + $"objects/{id}/?match[version]=all,first", Ct), 400);

        Assert.Equal([V1, V2, V3], await VersionsAsync(owner, id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_ByOneOrganisation_RemovesItsOwnCopyOnly_AndAnotherCopyIsForbidden(Store store)
    {
        await using var h = await StartAsync(store);
        var id = NewId();
        await h.SeedAsync("Alpha", Indicator(id, V1, Tlp.Green));
        await h.SeedAsync("Bravo", Indicator(id, V2, Tlp.Green));
        var alpha = await h.ClientAsync("Alpha");

        // Bravo's later version is Bravo's own copy, not a version of Alpha's: the collection serves Alpha's (stored first).
        Assert.Equal([V1], await VersionsAsync(alpha, id));
        Assert.Equal(HttpStatusCode.OK, (await alpha.DeleteAsync(All + $"objects/{id}/", Ct)).StatusCode);

        // Alpha's copy gone, Bravo's is what the collection serves now; Alpha may not delete it.
        Assert.Equal([V2], await VersionsAsync(alpha, id));
        await AssertErrorAsync(await alpha.DeleteAsync(All + $"objects/{id}/", Ct), 403);
        await AssertErrorAsync(await alpha.DeleteAsync(All + $"objects/{id}/?match[version]=last", Ct), 403);
        Assert.Equal([V2], await VersionsAsync(alpha, id));
    }

    private static async Task<string> SeedThreeVersionsAsync(TaxiiHarness h)
    {
        var id = NewId();
        await h.SeedAsync("Alpha", Indicator(id, V1, Tlp.Green), Indicator(id, V2, Tlp.Green), Indicator(id, V3, Tlp.Green));
        return id;
    }

    private static async Task<List<string>> VersionsAsync(HttpClient client, string id)
    {
        var versions = await JsonAsync(await client.GetAsync(All + $"objects/{id}/versions/", Ct));
        return versions["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
    }

    private static async Task<string> VersionOfAsync(HttpClient client, string url)
    {
        var envelope = await JsonAsync(await client.GetAsync(url, Ct));
        return Assert.Single(envelope["objects"]!.AsArray())!["modified"]!.GetValue<string>();
    }
}
