using System.Net;
using Concord.Access;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// date_added and <c>next</c> count nothing a reader may not see: objects added together share one date_added, and
/// <c>next</c> is opaque and bound to its reader. Pages still end between additions where they can, so a client that
/// pages with <c>added_after</c> instead of <c>next</c> skips nothing.
/// </summary>
public class DateAddedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectsAddedTogether_ShareDateAdded_SoHiddenOnesBetweenLeaveNoGap(Store store)
    {
        await using var h = await StartAsync(store);
        var shared = Enumerable.Range(0, 3).Select(_ => Indicator(tlp: Tlp.Green)).ToArray();
        await h.SeedAsync("Alpha", shared[0], Indicator(tlp: Tlp.Red), Indicator(tlp: Tlp.Red), shared[1], Indicator(tlp: Tlp.Red), shared[2]);
        var bravo = await h.ClientAsync("Bravo");

        using var response = await bravo.GetAsync(All + "manifest/", Ct);
        var records = (await JsonAsync(response))["objects"]!.AsArray();

        Assert.Equal(shared.Select(o => o["id"]!.GetValue<string>()), records.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Single(records.Select(r => r!["date_added"]!.GetValue<string>()).Distinct());
        Assert.Equal(response.Headers.GetValues("X-TAXII-Date-Added-First"), response.Headers.GetValues("X-TAXII-Date-Added-Last"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PagingWithAddedAfterOnly_EndsEachPageBetweenAdditions_AndSkipsNothing(Store store)
    {
        await using var h = await StartAsync(store);
        var batches = new[] { 2, 3, 2 }.Select(n => Enumerable.Range(0, n).Select(_ => Indicator(tlp: Tlp.Green)).ToArray()).ToList();
        foreach (var batch in batches)
        {
            await h.SeedAsync("Alpha", batch);
        }

        var client = await h.ClientAsync("Bravo");
        var seen = new List<string>();
        var sizes = new List<int>();
        var url = All + "objects/?limit=4";
        while (true)
        {
            using var response = await client.GetAsync(url, Ct);
            var envelope = await JsonAsync(response);
            seen.AddRange(Ids(envelope));
            sizes.Add(Ids(envelope).Count);
            if (envelope["more"]?.GetValue<bool>() != true)
            {
                break;
            }

            Assert.False(string.IsNullOrEmpty(envelope["next"]?.GetValue<string>()));
            url = All + "objects/?limit=4&added_after=" + Assert.Single(response.Headers.GetValues("X-TAXII-Date-Added-Last"));
        }

        Assert.Equal(batches.SelectMany(b => b).Select(o => o["id"]!.GetValue<string>()), seen);
        Assert.Equal([2, 3, 2], sizes);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Next_TamperedOrOfAnotherReader_IsA400TaxiiError(Store store)
    {
        await using var h = await StartAsync(store, null, "Alpha", "Bravo", "Charlie");
        await h.SeedAsync("Alpha", Indicator(tlp: Tlp.Green), Indicator(tlp: Tlp.Green));
        var bravo = await h.ClientAsync("Bravo");
        var next = (await JsonAsync(await bravo.GetAsync(All + "objects/?limit=1", Ct)))["next"]!.GetValue<string>();
        var tampered = next[..10] + (next[10] == 'A' ? 'B' : 'A') + next[11..];

        Assert.Single(Ids(await JsonAsync(await bravo.GetAsync(All + "objects/?limit=1&next=" + next, Ct))));
        await AssertErrorAsync(await bravo.GetAsync(All + "objects/?limit=1&next=" + tampered, Ct), 400);
        await AssertErrorAsync(await (await h.ClientAsync("Charlie")).GetAsync(All + "objects/?limit=1&next=" + next, Ct), 400);
        var peer = Accept(await h.Members.PeerClientAsync());
        await AssertErrorAsync(await peer.GetAsync(All + "objects/?limit=1&next=" + next, Ct), 400);
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync(All + "manifest/?limit=1", Ct)).StatusCode);
    }
}
