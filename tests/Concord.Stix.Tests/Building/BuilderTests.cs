using System.Text.Json.Nodes;
using Concord.Stix.Identifiers;
using Concord.Stix.Markings;
using Microsoft.Extensions.Time.Testing;

namespace Concord.Stix.Tests.Building;

public class BuilderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 31, 9, 30, 0, 123, TimeSpan.Zero));

    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.123456Z","modified":"2016-04-06T20:03:48.123456Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","confidence":1.50,"x_custom":{"n":1E+2,"s":"caf\u00e9"}}""";

    [Fact]
    public void Build_Indicator_FillsCommonPropertiesWithMillisecondTimestamps()
    {
        using var obj = new StixObjectBuilder("indicator", Clock)
            .Set("pattern", "[ipv4-addr:value = '198.51.100.1']")
            .Set("pattern_type", "stix")
            .Set("valid_from", "2026-01-31T09:30:00Z")
            .Set("object_marking_refs", [TlpMarkings.IdOf(Tlp.Amber)])
            .Build();

        Assert.StartsWith("indicator--", obj.Id, StringComparison.Ordinal);
        Assert.Equal('4', obj.Id["indicator--".Length + 14]);
        Assert.Equal("2026-01-31T09:30:00.123Z", obj.Created);
        Assert.Equal(obj.Created, obj.Modified);
        Assert.Equal("2.1", obj.SpecVersion);
        Assert.Equal([TlpMarkings.AmberId], obj.ObjectMarkingRefs);
        Assert.StartsWith("""{"type":"indicator","spec_version":"2.1","id":""", obj.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Sco_GetsTheDeterministicIdAndNoTimestamps()
    {
        using var obj = new StixObjectBuilder("domain-name", Clock).Set("value", "example.com").Build();

        Assert.Equal("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7", obj.Id);
        Assert.Null(obj.Created);
        Assert.Null(obj.Modified);
    }

    [Fact]
    public void Build_MarkingDefinition_HasCreatedButNoModified()
    {
        using var obj = new StixObjectBuilder("marking-definition", Clock).Set("name", "statement").Build();

        Assert.NotNull(obj.Created);
        Assert.Null(obj.Modified);
    }

    [Fact]
    public void WithChanges_NoOp_IsSemanticallyEqualAndKeepsNumberAndTimestampText()
    {
        Assert.True(StixParser.TryParse(Indicator, out var original, out _));

        using var copy = original.WithChanges(_ => { });

        JsonSemantic.AssertEqual(Indicator, copy.ToJson());
        Assert.Contains("\"confidence\":1.50", copy.ToJson(), StringComparison.Ordinal);
        Assert.Contains("1E+2", copy.ToJson(), StringComparison.Ordinal);
        Assert.Contains("café", copy.ToJson(), StringComparison.Ordinal);
        Assert.Equal("2016-04-06T20:03:48.123456Z", copy.Modified);
    }

    [Fact]
    public void WithChanges_ChangesOnlyTheCopy()
    {
        Assert.True(StixParser.TryParse(Indicator, out var original, out _));

        using var changed = original.WithChanges(json => json["name"] = "C2 address");

        Assert.Equal("C2 address", changed.Name);
        Assert.Null(original.Name);
        Assert.Throws<InvalidOperationException>(() => original.WithChanges(json => json["x"] = new string('x', 2 << 20)));
    }

    [Fact]
    public void Revoke_MakesALaterVersionMarkedRevoked()
    {
        Assert.True(StixParser.TryParse(Indicator, out var original, out _));

        using var revoked = original.Revoke(Clock);

        Assert.True(revoked.Revoked);
        Assert.Equal(original.Id, revoked.Id);
        Assert.Equal("2026-01-31T09:30:00.123Z", revoked.Modified);
        Assert.Equal(original.Created, revoked.Created);
    }

    [Fact]
    public void NewVersion_ClockBehindModified_StillMovesModifiedForward()
    {
        var behind = new FakeTimeProvider(new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(StixParser.TryParse(Indicator, out var original, out _));

        using var next = original.NewVersion(behind, json => json["confidence"] = 80);

        Assert.Equal("2016-04-06T20:03:48.124Z", next.Modified);
        Assert.Equal(80, next.Json.GetProperty("confidence").GetInt32());
        using var sco = ScoIds.Create("mutex", new JsonObject { ["name"] = "m" });
        Assert.Throws<InvalidOperationException>(() => sco.NewVersion(Clock));
    }
}
