using Concord.Intel;

namespace Concord.Intel.Tests;

public class PatternCheckTests
{
    [Fact]
    public void Check_CleanPattern_HasNoFindings() =>
        Assert.Empty(PatternCheck.Check("[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example']"));

    [Fact]
    public void Check_UnclosedBracket_GivesASyntaxErrorAtTheEnd()
    {
        const string pattern = "[ipv4-addr:value = '198.51.100.7'";

        var finding = Assert.Single(PatternCheck.Check(pattern));

        Assert.True(finding.IsError);
        Assert.Equal("pattern-syntax", finding.Rule);
        Assert.Equal(pattern.Length, finding.Position);
        Assert.Equal(pattern.Length + 1, finding.Column);
    }

    [Fact]
    public void Check_ParsesButJoinsDifferentTypesWithAnd_GivesAnErrorWithoutPosition()
    {
        var finding = Assert.Single(PatternCheck.Check("[ipv4-addr:value = '198.51.100.7' AND domain-name:value = 'a.example']"));

        Assert.Equal(("pattern-and-different-types", true, (int?)null), (finding.Rule, finding.IsError, finding.Position));
    }

    [Fact]
    public void Check_ImpossibleValue_IsAnErrorAtTheConstant_ForTheLiveCheckToPointAt()
    {
        var finding = Assert.Single(PatternCheck.Check("[ipv4-addr:value = '999.1.2.3']"));

        Assert.Equal(("pattern-value", true, (int?)19, (int?)20), (finding.Rule, finding.IsError, finding.Position, finding.Column));
        Assert.StartsWith("At column 20: '999.1.2.3' is not a valid ipv4-addr:value", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownObjectType_IsOnlyAWarning()
    {
        var finding = Assert.Single(PatternCheck.Check("[made-up:value = 'x']"));

        Assert.False(finding.IsError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Check_EmptyPattern_IsRequired(string? pattern) =>
        Assert.Equal("required", Assert.Single(PatternCheck.Check(pattern)).Rule);
}
