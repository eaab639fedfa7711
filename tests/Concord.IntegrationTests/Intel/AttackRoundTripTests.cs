using System.Text.Json.Nodes;
using Concord.Intel;
using Concord.Stix;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel;

public class AttackRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AttackIcsBundle_EveryObjectReadsBackSemanticallyIdentical(Store store)
    {
        var path = SharedData.Path("attack", "ics-attack-18.1.json");
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        await using var file = File.OpenRead(path);

        var result = await h.Store.ImportAsync(principal, file, new ImportOptions { Tlp = Tlp.Clear }, null, Ct);

        var original = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!["objects"]!.AsArray();
        Assert.True(result.Value!.Committed);
        Assert.Equal((original.Count, original.Count), (result.Value.Processed, result.Value.Stored));
        foreach (var expected in original)
        {
            var id = expected!["id"]!.GetValue<string>();
            var version = (expected["modified"] ?? expected["created"])!.GetValue<string>();
            var stored = await h.Store.GetAsync(principal, id, version, Ct);
            Assert.True(stored.IsSuccess, id);
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(stored.Value!.Json.Span)), id);
        }
    }
}
