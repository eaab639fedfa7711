using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class SeamTests
{
    private sealed class PatternMustBeBracketed : IStixValidationRule
    {
        public void Check(JsonElement stixObject, string type, StixIssueSink sink)
        {
            if (type == "indicator" && stixObject.TryGetProperty("pattern", out var pattern) && !pattern.GetString()!.StartsWith('['))
            {
                sink.Error("$.pattern", "pattern-syntax", "A STIX pattern starts with an observation expression.");
            }
        }
    }

    [Fact]
    public void Validate_PluggedRule_ReportsThroughTheSink()
    {
        var sample = Stix.Sample("indicator");
        sample["pattern"] = "ipv4-addr:value = '1.2.3.4'";
        var result = Stix.Validate(sample, new StixValidationOptions { Rules = [new PatternMustBeBracketed()] });
        Stix.HasError(result, "pattern-syntax", "$.pattern");
    }

    [Fact]
    public void Validate_PluggedRuleOnValidObject_AddsNothing() =>
        Stix.Clean(Stix.Validate(Stix.Sample("indicator"), new StixValidationOptions { Rules = [new PatternMustBeBracketed()] }));

    [Fact]
    public void Validate_ParsedObject_MatchesElementOverload()
    {
        var json = Stix.Sample("relationship");
        json["relationship_type"] = "Bad Type";
        Assert.True(StixParser.TryParse(json.ToJsonString(), out var parsed, out _));
        using (parsed)
        {
            Assert.Equal(Stix.Validate(json).Issues, StixValidator.Validate(parsed).Issues);
        }
    }

    [Fact]
    public void SchemaLevel_ClassifiesRules()
    {
        Assert.True(StixRules.IsSchemaLevel(StixRules.Required));
        Assert.False(StixRules.IsSchemaLevel(StixRules.TimestampOrder));
        Assert.False(StixRules.IsSchemaLevel(StixRules.OpenVocabulary));
    }
}
