using Concord.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel;

public class QueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Query_EachFilter_SelectsExactlyTheMatchingObjects(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var orgA = h.Directory.AddOrganisation();
        var a = IntelHarness.Member(orgA);
        var b = IntelHarness.Member(h.Directory.AddOrganisation());
        var author = Bundles.NewId("identity");
        var phishing = Bundles.Indicator(name: "Phishing domain", labels: ["phishing", "apt"], tlp: Tlp.Green, modified: "2026-03-01T00:00:00.000Z");
        var c2 = Bundles.Indicator(name: "C2 server", description: "Beacons to a PHISHING kit", createdBy: author, tlp: Tlp.Clear, modified: "2026-05-01T00:00:00.000Z");
        var malware = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "malware",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("malware"),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = "2026-01-01T00:00:00.000Z",
            ["name"] = "Loader",
            ["is_family"] = true,
            ["object_marking_refs"] = new System.Text.Json.Nodes.JsonArray(Concord.Stix.Markings.TlpMarkings.IdOf(Tlp.Green)),
        };
        Assert.Equal(2, (await h.ImportAsync(a, Bundles.Bundle(phishing, c2))).Stored);
        Assert.Equal(1, (await h.ImportAsync(b, Bundles.Bundle(malware))).Stored);

        async Task<string[]> Ids(ObjectQuery q) => [.. (await h.Store.QueryAsync(a, q, Ct)).Items.Select(i => i.Id).Order()];
        string IdOf(System.Text.Json.Nodes.JsonObject o) => o["id"]!.GetValue<string>();

        Assert.Equal([IdOf(malware)], await Ids(new ObjectQuery { Type = "malware" }));
        Assert.Equal([IdOf(phishing)], await Ids(new ObjectQuery { Label = "apt" }));
        Assert.Empty(await Ids(new ObjectQuery { Label = "ap" }));
        Assert.Equal([IdOf(c2)], await Ids(new ObjectQuery { CreatedByRef = author }));
        Assert.Equal([IdOf(c2)], await Ids(new ObjectQuery { ModifiedFrom = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal([IdOf(phishing)], await Ids(new ObjectQuery { ModifiedFrom = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), ModifiedTo = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal(new[] { IdOf(phishing), IdOf(c2) }.Order(), await Ids(new ObjectQuery { Text = "phishing" }));
        Assert.Equal([IdOf(c2)], await Ids(new ObjectQuery { Tlp = Tlp.Clear }));
        Assert.Equal([IdOf(malware)], await Ids(new ObjectQuery { Owner = b.OrganisationId }));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Query_CursorPaging_IsStableWhileObjectsAreAdded(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var first = Enumerable.Range(0, 7).Select(_ => Bundles.Indicator()).ToArray();
        await h.ImportAsync(principal, Bundles.Bundle(first));

        var seen = new List<string>();
        var page = await h.Store.QueryAsync(principal, new ObjectQuery { Limit = 3 }, Ct);
        seen.AddRange(page.Items.Select(i => i.Id));
        var added = Enumerable.Range(0, 4).Select(_ => Bundles.Indicator()).ToArray();
        await h.ImportAsync(principal, Bundles.Bundle(added));
        while (page.Next is { } next)
        {
            page = await h.Store.QueryAsync(principal, new ObjectQuery { Limit = 3, After = next }, Ct);
            seen.AddRange(page.Items.Select(i => i.Id));
        }

        Assert.Equal(first.Concat(added).Select(o => o["id"]!.GetValue<string>()), seen);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Stream_ManyPages_YieldsEveryVisibleObjectOnce(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(principal, Bundles.Bundle([.. Enumerable.Range(0, 2500).Select(_ => Bundles.Indicator())]));

        var count = 0;
        await foreach (var _ in h.Store.StreamAsync(principal, new ObjectQuery(), Ct))
        {
            count++;
        }

        Assert.Equal(2500, count);
    }
}
