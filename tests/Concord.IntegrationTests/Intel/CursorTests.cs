using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Platform;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// The REST list cursor is opaque (the node sequence, AES-GCM-encrypted with a node key) and bound to its reader and
/// its filters, and nothing else a reader sees (date_added) counts the objects it may not see.
/// </summary>
public class CursorTests
{
    private const int Hidden = 37;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Alpha shares two GREEN indicators with the alliance and holds <see cref="Hidden"/> RED ones between them, in one bundle.</summary>
    private static async Task<(string First, string Last)> SeedAsync(HttpClient alpha)
    {
        var first = Bundles.Indicator(tlp: Tlp.Green);
        var last = Bundles.Indicator(tlp: Tlp.Green);
        var red = Enumerable.Range(0, Hidden).Select(_ => Bundles.Indicator(tlp: Tlp.Red));
        using var response = await alpha.ImportAsync(Bundles.Bundle([first, .. red, last]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (first["id"]!.GetValue<string>(), last["id"]!.GetValue<string>());
    }

    private static async Task<(string? Next, List<string> Ids, List<string> Added)> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/objects?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var objects = body.GetProperty("objects").EnumerateArray().ToList();
        return (body.GetProperty("next").GetString(), objects.ConvertAll(o => o.GetProperty("id").GetString()!), objects.ConvertAll(o => o.GetProperty("date_added").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_HiddenObjectsBetweenVisibleOnes_ShowInNeitherTheCursorNorDateAdded(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var (first, last) = await SeedAsync(await alliance.ClientAsync("Alpha", Role.Analyst));
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        var one = await PageAsync(bravo, "limit=1");
        var again = await PageAsync(bravo, "limit=1");
        var two = await PageAsync(bravo, "limit=1&cursor=" + one.Next);

        Assert.Equal([first], one.Ids);
        Assert.Equal([last], two.Ids);
        Assert.Null(two.Next);

        // 1 version byte, 12 of nonce, 8 of ciphertext, 16 of tag; a fresh nonce each time, so equal positions do not show.
        var raw = Base64Url.DecodeFromChars(one.Next);
        Assert.Equal(37, raw.Length);
        Assert.NotEqual(one.Next, again.Next);

        // Objects added together share date_added: the 37 hidden ones between make no gap.
        Assert.Equal(one.Added, two.Added);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_CursorOfAnotherOrganisationOrQueryOrTamperedOrOfTheOldForm_Answers400(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        await SeedAsync(await alliance.ClientAsync("Alpha", Role.Analyst));
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var bravoAdmin = await alliance.ClientAsync("Bravo", Role.OrgAdmin);
        var charlie = await alliance.ClientAsync("Charlie", Role.ReadOnly);
        var cursor = (await PageAsync(bravo, "limit=1")).Next!;
        var tampered = cursor[..20] + (cursor[20] == 'A' ? 'B' : 'A') + cursor[21..];
        var oldForm = Base64Url.EncodeToString(BitConverter.GetBytes(5L));

        // Another user of the same organisation reads what Bravo reads: the cursor is the organisation's.
        Assert.Single((await PageAsync(bravoAdmin, "limit=1&cursor=" + cursor)).Ids);
        foreach (var (client, query) in new[]
                 {
                     (charlie, "limit=1&cursor=" + cursor), (bravo, "limit=1&type=malware&cursor=" + cursor), (bravo, "limit=1&cursor=" + tampered),
                     (bravo, "limit=1&cursor=" + oldForm), (bravo, "limit=1&cursor=not-a-cursor"),
                 })
        {
            using var response = await client.GetAsync("/api/v1/objects?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.Equal(("cursor-invalid", "cursor"), (problem.GetProperty("rule").GetString(), problem.GetProperty("field").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_CursorOfOneProcess_WorksOnAnotherOverTheSameStoreAndAfterARestart(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var (_, last) = await SeedAsync(await alliance.ClientAsync("Alpha", Role.Analyst));
        var key = await alliance.ApiKeyAsync("Bravo", Role.ReadOnly);
        var cursor = (await PageAsync(await alliance.ClientAsync("Bravo", Role.ReadOnly), "limit=1")).Next!;
        var storage = node.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        // A second process on the same store while the first runs, as a PostgreSQL deployment runs several.
        await using var second = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = storage.DataDirectory,
            ["Concord:Storage:ConnectionString"] = storage.ConnectionString,
        });
        using var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal([last], (await PageAsync(client, "limit=1&cursor=" + cursor)).Ids);
    }
}
