using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Access;
using Concord.Host.Demo;
using Concord.Stix;
using Concord.Stix.Validation;

namespace Concord.IntegrationTests.Host;

public partial class DemoGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DemoIntel Intel = DemoIntelGenerator.Generate(seed: 20261101, indicators: 600, Start);

    private static IEnumerable<JsonElement> Objects =>
        Intel.Batches.SelectMany(b => b.Objects).Select(o => JsonDocument.Parse(o).RootElement);

    [Fact]
    public void Generate_EveryObject_ParsesAndPassesTheValidator()
    {
        foreach (var json in Intel.Batches.SelectMany(b => b.Objects))
        {
            Assert.True(StixParser.TryParse(json, out var stix, out var error), error?.ToString());
            var result = StixValidator.Validate(stix);
            Assert.True(result.IsValid, $"{stix.Id}: {string.Join("; ", result.Errors)}");
        }
    }

    [Fact]
    public void Generate_DefaultSize_IsAFewHundredToAFewThousandObjects()
    {
        Assert.InRange(Intel.ObjectCount, 500, 5000);
    }

    [Fact]
    public void Generate_TheSameSeed_GivesTheSameBytes()
    {
        var again = DemoIntelGenerator.Generate(seed: 20261101, indicators: 600, Start);
        var other = DemoIntelGenerator.Generate(seed: 7, indicators: 600, Start);

        Assert.Equal(Intel.Batches.SelectMany(b => b.Objects), again.Batches.SelectMany(b => b.Objects));
        Assert.NotEqual(Intel.Batches.SelectMany(b => b.Objects).First(o => o.Length > 0 && JsonDocument.Parse(o).RootElement.GetProperty("type").GetString() == "indicator"),
            other.Batches.SelectMany(b => b.Objects).First(o => JsonDocument.Parse(o).RootElement.GetProperty("type").GetString() == "indicator"));
    }

    [Fact]
    public void Generate_EveryBatch_HasAScopeItsTlpAllowsAndItsObjectsCarryThatTlp()
    {
        foreach (var batch in Intel.Batches)
        {
            var d = batch.Distribution;
            Guid? audience = d.Scope is Scope.Recipients or Scope.SharingGroup ? Guid.NewGuid() : null;
            Assert.Null(Distribution.Check(d.Tlp, d.Scope, audience));
            Assert.Equal(d.Scope == Scope.Recipients, d.Recipients.Count > 0);
            Assert.DoesNotContain(d.OwnerKey, d.Recipients);
            foreach (var json in batch.Objects)
            {
                var marking = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("object_marking_refs").EnumerateArray());
                Assert.Equal(DemoStixWriter.MarkingId(d.Tlp), marking.GetString());
            }
        }
    }

    [Fact]
    public void Generate_CoversEveryTlpLabelEveryOrganisationAndTheExpectedTypes()
    {
        Assert.Equal(Enum.GetValues<Tlp>().Order(), Intel.Batches.Select(b => b.Distribution.Tlp).Distinct().Order());
        Assert.Equal(DemoAlliance.Organisations.Select(o => o.Key).Order(), Intel.Batches.Select(b => b.Distribution.OwnerKey).Distinct().Order());
        var types = Objects.Select(o => o.GetProperty("type").GetString()).ToHashSet();
        foreach (var type in new[] { "identity", "attack-pattern", "threat-actor", "intrusion-set", "malware", "campaign", "indicator", "relationship", "sighting", "report", "note" })
        {
            Assert.Contains(type, types);
        }

        Assert.Contains(Intel.Batches, b => b.Distribution.Scope == Scope.SharingGroup);
        Assert.Contains(Intel.Batches, b => b.Distribution.Scope == Scope.Owner);
    }

    [Fact]
    public void Generate_EveryReference_PointsToAGeneratedObjectOrATlpMarking()
    {
        var ids = Objects.Select(o => o.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(Intel.ObjectCount, ids.Count);
        var markings = Enum.GetValues<Tlp>().Select(DemoStixWriter.MarkingId).ToHashSet();
        foreach (var obj in Objects)
        {
            foreach (var property in obj.EnumerateObject())
            {
                var refs = property.Name.EndsWith("_ref", StringComparison.Ordinal) ? [property.Value.GetString()!]
                    : property.Name.EndsWith("_refs", StringComparison.Ordinal) ? property.Value.EnumerateArray().Select(v => v.GetString()!).ToArray()
                    : [];
                Assert.All(refs, r => Assert.True(ids.Contains(r) || markings.Contains(r), $"{property.Name} -> {r}"));
            }
        }
    }

    [Fact]
    public void Generate_Observables_UseOnlyDocumentationAddressesAndReservedNames()
    {
        var patterns = Objects.Where(o => o.GetProperty("type").GetString() == "indicator").Select(o => o.GetProperty("pattern").GetString()!).ToList();
        foreach (var ip in patterns.SelectMany(p => Ipv4().Matches(p)).Select(m => m.Groups[1].Value))
        {
            Assert.Matches(@"^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$", ip);
        }

        foreach (var host in patterns.SelectMany(p => Host().Matches(p)).Select(m => m.Groups[1].Value))
        {
            Assert.True(host.EndsWith(".example", StringComparison.Ordinal) || host.EndsWith(".test", StringComparison.Ordinal), host);
        }
    }

    [GeneratedRegex(@"ipv4-addr:value = '([^']+)'")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?:domain-name:value = '|https://)([^'/]+)")]
    private static partial Regex Host();
}
