using System.Text.Json;
using Concord.Stix.Markings;

namespace Concord.Stix.Tests.Markings;

public class TlpMarkingsTests
{
    [Fact]
    public void Tlp_IsOrderedFromLeastToMostRestrictive()
    {
        Assert.True(Tlp.Clear < Tlp.Green && Tlp.Green < Tlp.Amber && Tlp.Amber < Tlp.AmberStrict && Tlp.AmberStrict < Tlp.Red);
    }

    [Theory]
    [InlineData(Tlp.Clear, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487")]
    [InlineData(Tlp.Green, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb")]
    [InlineData(Tlp.Amber, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421")]
    [InlineData(Tlp.AmberStrict, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003")]
    [InlineData(Tlp.Red, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")]
    public void IdOf_GivesThePublishedTlp2Id(Tlp tlp, string id)
    {
        Assert.Equal(id, TlpMarkings.IdOf(tlp));
        Assert.True(TlpMarkings.TryGetLevel(id, out var level));
        Assert.Equal(tlp, level);
    }

    [Fact]
    public void JsonOf_AmberStrict_EqualsTheOasisExampleObject()
    {
        // The object in cti-stix-common-objects tlp-2.0/examples/tlp-amber+strict.json.
        const string published = """
            { "type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
              "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
              "extensions": { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": { "extension_type": "property-extension", "tlp_2_0": "amber+strict" } } }
            """;
        JsonSemantic.AssertEqual(published, TlpMarkings.JsonOf(Tlp.AmberStrict));
    }

    [Fact]
    public void Tlp1JsonOf_Amber_EqualsTheObjectInTheOasisDocumentationExample()
    {
        var path = Concord.Testing.SharedData.Path("stix2.1", "examples-cti-documentation", "using-marking-definitions.json");
        using var stream = File.OpenRead(path);
        var published = StixBundleReader.Read(stream)
            .Select(e => Bytes.Text(e.Utf8Json))
            .Single(json => json.Contains(TlpMarkings.Tlp1AmberId, StringComparison.Ordinal) && json.Contains("\"definition_type\": \"tlp\"", StringComparison.Ordinal));

        JsonSemantic.AssertEqual(published, TlpMarkings.Tlp1JsonOf(Tlp.Amber));
    }

    [Fact]
    public void AllJson_AreNineParsableMarkingDefinitionsWithDistinctKnownIds()
    {
        var ids = TlpMarkings.AllJson.Select(json =>
        {
            Assert.True(StixParser.TryParse(json, out var obj, out _));
            using (obj)
            {
                Assert.Equal("marking-definition", obj.Type);
                return obj.Id;
            }
        }).ToList();

        Assert.Equal(9, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(TlpMarkings.All.ContainsKey(id)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlpMarkings.Tlp1JsonOf(Tlp.AmberStrict));
    }

    [Fact]
    public void EffectiveTlp_MixedMarkings_PicksTheStrictestAndReportsTheOthers()
    {
        const string statement = "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f";

        var result = TlpMarkings.EffectiveTlp([TlpMarkings.GreenId, statement, TlpMarkings.Tlp1AmberId, TlpMarkings.ClearId]);

        Assert.Equal(Tlp.Amber, result.Tlp);
        Assert.Equal([statement], result.OtherMarkingRefs);
    }

    [Fact]
    public void EffectiveTlp_Tlp1White_CountsAsClear()
    {
        Assert.Equal(Tlp.Clear, TlpMarkings.EffectiveTlp([TlpMarkings.Tlp1WhiteId]).Tlp);
        Assert.Equal(Tlp.Red, TlpMarkings.EffectiveTlp([TlpMarkings.RedId, TlpMarkings.AmberStrictId]).Tlp);
    }

    [Fact]
    public void EffectiveTlp_NoTlpMarking_GivesNullRatherThanAGuess()
    {
        var result = TlpMarkings.EffectiveTlp(["marking-definition--00000000-0000-4000-8000-000000000000"]);

        Assert.Null(result.Tlp);
        Assert.Single(result.OtherMarkingRefs);
        Assert.Null(TlpMarkings.EffectiveTlp([]).Tlp);
    }

    [Fact]
    public void EffectiveTlp_WorksOnAParsedObjectsMarkingRefs()
    {
        var json = $$"""{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","object_marking_refs":["{{TlpMarkings.RedId}}"]}""";
        Assert.True(StixParser.TryParse(json, out var obj, out _));

        Assert.Equal(Tlp.Red, TlpMarkings.EffectiveTlp(obj.ObjectMarkingRefs).Tlp);
        Assert.Equal(JsonValueKind.Array, obj.Json.GetProperty("object_marking_refs").ValueKind);
    }
}
