using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

public class CheckTests
{
    private static StixIssue SingleIssue(string pattern) => Assert.Single(StixPattern.Check(pattern, "$.objects[2].pattern"));

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.1/32']")]
    [InlineData("[x-usb-device:usbdrive.serial_number = '575833314133343231313937']")]
    [InlineData("[domain-name:value = 'a.example' OR ipv4-addr:value = '203.0.113.9']")]
    [InlineData("[(file:name = 'a' OR process:name = 'b') AND file:size = 1]")]
    [InlineData("[file:size IN (1, 2.5)]")]
    [InlineData("[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-06-01T00:00:00.001Z'")]
    public void Check_CleanPattern_HasNoFindings(string pattern)
    {
        Assert.Empty(StixPattern.Check(pattern));
    }

    [Fact]
    public void Check_SyntaxError_IsOneErrorWithColumnAndPath()
    {
        var issue = SingleIssue("[file:name = 'x'");

        Assert.Equal(StixSeverity.Error, issue.Severity);
        Assert.Equal("pattern-syntax", issue.Rule);
        Assert.Equal("$.objects[2].pattern", issue.Path);
        Assert.Contains("at column 17: expected ']'", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[foo:bar = 1]", "'foo'")]
    [InlineData("[indicator:name = 'x']", "'indicator'")]
    public void Check_UnknownNonCustomType_Warns(string pattern, string named)
    {
        var issue = SingleIssue(pattern);

        Assert.Equal((StixSeverity.Warning, "pattern-unknown-type"), (issue.Severity, issue.Rule));
        Assert.Contains(named, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameUnknownTypeTwice_WarnsOnce()
    {
        Assert.Equal("pattern-unknown-type", SingleIssue("[foo:a = 1 OR foo:b = 2]").Rule);
    }

    [Theory]
    [InlineData("[file:name = 'a'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'")]
    [InlineData("[file:name = 'a'] START t'2016-07-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")]
    public void Check_StopNotAfterStart_Warns(string pattern)
    {
        var issue = SingleIssue(pattern);

        Assert.Equal((StixSeverity.Warning, "pattern-start-after-stop"), (issue.Severity, issue.Rule));
    }

    [Fact]
    public void Check_RepeatsZero_Warns()
    {
        var issue = SingleIssue("[file:name = 'a'] REPEATS 0 TIMES");

        Assert.Equal((StixSeverity.Warning, "pattern-repeats-zero"), (issue.Severity, issue.Rule));
    }

    [Theory]
    [InlineData("[file:name = 'a'] WITHIN 0 SECONDS")]
    [InlineData("[file:name = 'a'] WITHIN 0.0 SECONDS")]
    public void Check_WithinZero_Warns(string pattern)
    {
        var issue = SingleIssue(pattern);

        Assert.Equal((StixSeverity.Warning, "pattern-within-zero"), (issue.Severity, issue.Rule));
    }

    [Fact]
    public void Check_TwoQualifiersOfOneKind_IsAnError()
    {
        var issue = SingleIssue("[file:name = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS");

        Assert.Equal((StixSeverity.Error, "pattern-duplicate-qualifier"), (issue.Severity, issue.Rule));
    }

    [Fact]
    public void Check_QualifiersOfOneKindAtDifferentLevels_AreFine()
    {
        Assert.Empty(StixPattern.Check("([file:name = 'a'] WITHIN 5 SECONDS AND [file:name = 'b']) WITHIN 6 SECONDS"));
    }

    [Theory]
    [InlineData("[domain-name:value = 'a.example' AND ipv4-addr:value = '203.0.113.9']")]
    [InlineData("[(file:name = 'a' OR process:name = 'b') AND url:value = 'http://c.example/']")]
    public void Check_DifferentTypesJoinedByAnd_IsAnError(string pattern)
    {
        var issue = SingleIssue(pattern);

        Assert.Equal((StixSeverity.Error, "pattern-and-different-types"), (issue.Severity, issue.Rule));
    }

    [Fact]
    public void Check_SetMixingStringsAndNumbers_IsAnError()
    {
        var issue = SingleIssue("[process:pid IN (1, '2')]");

        Assert.Equal((StixSeverity.Error, "pattern-set-mixed-types"), (issue.Severity, issue.Rule));
    }

    [Fact]
    public void Check_EmptySet_Warns()
    {
        var issue = SingleIssue("[file:name IN ()]");

        Assert.Equal((StixSeverity.Warning, "pattern-empty-set"), (issue.Severity, issue.Rule));
    }

    [Theory]
    [InlineData("stix", true)]
    [InlineData("sigma", false)]
    [InlineData("snort", false)]
    [InlineData("suricata", false)]
    [InlineData("yara", false)]
    [InlineData("pcre", false)]
    [InlineData("spl", false)]
    [InlineData("eql", false)]
    [InlineData("STIX", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsStixPatternType_OnlyTheStixVocabularyValue_IsParsed(string? patternType, bool expected)
    {
        Assert.Equal(expected, StixPattern.IsStixPatternType(patternType));
    }
}
