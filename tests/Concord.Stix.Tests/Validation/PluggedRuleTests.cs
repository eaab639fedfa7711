using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class PluggedRuleTests
{
    private static StixValidationResult Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StixValidator.Validate(document.RootElement);
    }

    private static string Indicator(string pattern, string patternType = "stix") => $$"""
        {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
         "pattern":{{JsonSerializer.Serialize(pattern)}},"pattern_type":"{{patternType}}","valid_from":"2026-01-01T00:00:00Z"}
        """;

    [Fact]
    public void Validate_IndicatorWithBrokenStixPattern_ReportsPatternSyntaxWithPosition()
    {
        var result = Validate(Indicator("[ipv4-addr:value = '198.51.100.1'"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("pattern-syntax", error.Rule);
        Assert.Equal("$.pattern", error.Path);
        Assert.Contains("column", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_IndicatorWithValidStixPattern_HasNoErrors()
    {
        Assert.True(Validate(Indicator("[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'evil.example']")).IsValid);
    }

    [Fact]
    public void Validate_NonStixPatternLanguage_IsCarriedWithoutParsing()
    {
        Assert.True(Validate(Indicator("rule x { condition: true", "yara")).IsValid);
    }

    [Fact]
    public void Validate_ScoWithRandomId_PassesSilently()
    {
        var result = Validate("""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-4bc5-b98d-13d6226742dd","value":"198.51.100.3"}""");
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Validate_ScoWithWrongUuidV5_WarnsWithTheDeterministicId()
    {
        // A version-5 UUID that is not the one 198.51.100.3 gives.
        var result = Validate("""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--2e7a1b6e-0c8c-5a3d-9f5e-1b2c3d4e5f60","value":"198.51.100.3"}""");
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings, w => w.Rule == "sco-id-deterministic");
        Assert.Contains("ipv4-addr--", warning.Message, StringComparison.Ordinal);
    }
}
