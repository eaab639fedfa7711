using Concord.Intel;
using Concord.Intel.Features.Search;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.Search;

/// <summary>Text search goes through the text index and ranks by relevance, on both stores.</summary>
public class SearchTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_AttackId_FindsPhishingFirstThenItsSubTechniquesAndMentions(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(reader, SearchData.AttackPhishing());

        var byId = await SearchData.SearchAsync(h, reader, "T1566", limit: 7);
        var byName = await SearchData.SearchAsync(h, reader, "phishing");
        var subTechnique = await SearchData.SearchAsync(h, reader, "t1566.001");

        Assert.Equal("Phishing", Name(byId[0]));
        Assert.True(byId.Count > 10, "objects that mention T1566 follow the technique");
        Assert.Equal(byId.Count, byId.Select(o => o.Id).Distinct().Count());
        Assert.Equal("Phishing", Name(byName[0]));
        Assert.Equal("Spearphishing Attachment", Name(subTechnique[0]));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_FindsWordsOfDescriptionAliasesLabelsAndExternalIds(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var malware = SearchData.Malware("Sednit loader", "Drops a second stage via macro documents.", ["Sofacy dropper"], "S0045");
        var labelled = Bundles.Indicator(name: "Beacon", labels: ["cobalt-strike"], tlp: Tlp.Green);
        var other = Bundles.Indicator(name: "Unrelated", description: "nothing to see", tlp: Tlp.Green);
        await h.ImportAsync(reader, Bundles.Bundle(malware, labelled, other));

        async Task<string[]> Ids(string text) => [.. (await SearchData.SearchAsync(h, reader, text)).Select(o => o.Id)];

        Assert.Equal([SearchData.IdOf(malware)], await Ids("macro"));
        Assert.Equal([SearchData.IdOf(malware)], await Ids("SOFACY"));
        Assert.Equal([SearchData.IdOf(malware)], await Ids("s0045"));
        Assert.Equal([SearchData.IdOf(malware)], await Ids("second stage"));
        Assert.Equal([SearchData.IdOf(malware)], await Ids("sedn*"));
        Assert.Equal([SearchData.IdOf(labelled)], await Ids("cobalt"));
        Assert.Empty(await Ids("sedn"));
        Assert.Empty(await Ids("macro nothing"));
        Assert.Empty(await Ids("!!!"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_RelevancePages_ReturnEveryMatchOnce_BestTierFirst(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var exact = SearchData.Malware("Emotet", "A banking trojan.", [], "S0367");
        var titled = Enumerable.Range(0, 4).Select(i => Bundles.Indicator(name: $"Emotet C2 {i}", tlp: Tlp.Green)).ToArray();
        var mentioned = Enumerable.Range(0, 5).Select(i => Bundles.Indicator(name: $"Host {i}", description: "Seen with emotet", tlp: Tlp.Green)).ToArray();
        await h.ImportAsync(reader, Bundles.Bundle([exact, .. titled, .. mentioned]));

        var paged = await SearchData.SearchAsync(h, reader, "emotet", limit: 2);
        var bySequence = await SearchData.SearchAsync(h, reader, "emotet", limit: 3, relevance: false);

        Assert.Equal(
            [SearchData.IdOf(exact), .. titled.Reverse().Select(SearchData.IdOf), .. mentioned.Reverse().Select(SearchData.IdOf)],
            paged.Select(o => o.Id));
        Assert.Equal(paged.Select(o => o.Id).Order(), bySequence.Select(o => o.Id).Order());
        Assert.Equal(bySequence.OrderBy(o => o.Sequence).Select(o => o.Id), bySequence.Select(o => o.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_ImportLongerThanARunOfTheTextIndex_FindsEveryObject_AndNoneOfARolledBackImport(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var count = (2 * SqliteSearchWriter.MaxRows) + 7;
        var stored = Enumerable.Range(0, count).Select(i => Bundles.Indicator(name: $"Beacon{i} loader", tlp: Tlp.Green)).ToArray();
        var invalid = Bundles.Indicator(name: "Dropper last", tlp: Tlp.Green);
        invalid.Remove("pattern");
        var rolledBack = Enumerable.Range(0, SqliteSearchWriter.MaxRows + 1).Select(i => Bundles.Indicator(name: $"Dropper{i}", tlp: Tlp.Green));

        await h.ImportAsync(reader, Bundles.Bundle(stored));
        var rejected = await h.ImportAsync(reader, Bundles.Bundle([.. rolledBack, invalid]));

        Assert.False(rejected.Committed);
        Assert.Equal(count, (await SearchData.SearchAsync(h, reader, "loader", limit: 1000)).Select(o => o.Id).Distinct().Count());
        foreach (var i in new[] { 0, SqliteSearchWriter.MaxRows - 1, SqliteSearchWriter.MaxRows, count - 1 })
        {
            Assert.Equal([SearchData.IdOf(stored[i])], (await SearchData.SearchAsync(h, reader, $"beacon{i}")).Select(o => o.Id));
        }

        Assert.Empty(await SearchData.SearchAsync(h, reader, "dropper0"));
        Assert.Empty(await SearchData.SearchAsync(h, reader, "dropper"));
    }

    private static string? Name(StoredStixObject o) =>
        System.Text.Json.JsonDocument.Parse(o.Json).RootElement.GetProperty("name").GetString();
}
