using Concord.Stix.Markings;

namespace Concord.Stix.Tests.Markings;

/// <summary>An object's TLP is the strictest TLP marking anywhere in it: object-level and granular alike.</summary>
public class GranularTlpTests
{
    private static StixObject Parse(string markings)
    {
        var json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
            + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"n\",\"description\":\"d\"" + markings + "}";
        Assert.True(StixParser.TryParse(json, out var obj, out var error), error?.ToString());
        return obj;
    }

    [Fact]
    public void EffectiveTlp_ClearObjectWithARedGranularMarking_IsRed()
    {
        using var obj = Parse($$""","object_marking_refs":["{{TlpMarkings.ClearId}}"],"granular_markings":[{"marking_ref":"{{TlpMarkings.RedId}}","selectors":["description"]}]""");

        var result = TlpMarkings.EffectiveTlp(obj);

        Assert.Equal(Tlp.Red, result.Tlp);
        Assert.True(result.FromGranularMarking);
        Assert.Equal([TlpMarkings.RedId], obj.GranularMarkingRefs);
    }

    [Fact]
    public void EffectiveTlp_Tlp1GranularMarkingsOnly_GivesTheStrictest()
    {
        using var obj = Parse($$""","granular_markings":[{"marking_ref":"{{TlpMarkings.Tlp1GreenId}}","selectors":["name"]},{"marking_ref":"{{TlpMarkings.Tlp1AmberId}}","selectors":["description"]},{"lang":"fr","selectors":["name"]}]""");

        Assert.Equal(Tlp.Amber, TlpMarkings.EffectiveTlp(obj).Tlp);
    }

    [Fact]
    public void EffectiveTlp_GranularMarkingLessStrictThanTheObjects_KeepsTheObjectLevel()
    {
        const string statement = "marking-definition--00000000-0000-4000-8000-000000000001";
        using var obj = Parse($$""","object_marking_refs":["{{TlpMarkings.AmberId}}"],"granular_markings":[{"marking_ref":"{{TlpMarkings.GreenId}}","selectors":["name"]},{"marking_ref":"{{statement}}","selectors":["description"]}]""");

        var result = TlpMarkings.EffectiveTlp(obj);

        Assert.Equal(Tlp.Amber, result.Tlp);
        Assert.False(result.FromGranularMarking);
        Assert.Equal([statement], result.OtherMarkingRefs);
    }

    [Fact]
    public void EffectiveTlp_TheOasisGranularMarkingsExample_IsRedForTheIndicatorWithARedDescription()
    {
        // OASIS CTI documentation: TLP 1.0 RED on the description, AMBER and GREEN on other parts, no object marking.
        var path = Concord.Testing.SharedData.Path("stix2.1", "examples-cti-documentation", "using-granular-markings.json");
        using var stream = File.OpenRead(path);
        var indicator = StixBundleReader.Read(stream).Select(e => { Assert.True(e.TryParse(out var o, out _)); return o!; }).Single(o => o.Type == "indicator");

        Assert.Empty(indicator.ObjectMarkingRefs);
        Assert.Equal(Tlp.Red, TlpMarkings.EffectiveTlp(indicator).Tlp);
    }
}
