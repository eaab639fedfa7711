using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

public class InvalidPatternTests
{
    /// <summary>Position -1 stands for "at the end of the pattern".</summary>
    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", -1, "empty")]
    [InlineData("file:name = 'x'", 0, "expected '[' or '('")]
    [InlineData("[file:name = 'x']]", 17, "expected AND, OR, FOLLOWEDBY")]
    [InlineData("[file:name 'x']", 11, "expected a comparison operator")]
    [InlineData("[file:name = ]", 13, "expected a constant")]
    [InlineData("[file:name = 'x]", 13, "unterminated string")]
    [InlineData(@"[file:name = 'a\b']", 15, "backslash")]
    [InlineData("[file:hashes.SHA-256 = 'x']", 16, "must be quoted: 'SHA-256'")]
    [InlineData("[file:name = 'x' and file:size = 1]", 17, "keywords are upper-case: AND")]
    [InlineData("[file:name = 'x'] within 5 SECONDS", 18, "keywords are upper-case: WITHIN")]
    [InlineData("[file:size = TRUE]", 13, "booleans are written true")]
    [InlineData("[file:size == 1]", 11, "use '='")]
    [InlineData("[file:size <> 1]", 11, "use '!='")]
    [InlineData("[file:size = 007]", 13, "leading zeros")]
    [InlineData("[file:size = +1]", 13, "without '+'")]
    [InlineData("[file:x = h'abc']", 10, "odd number of hex digits")]
    [InlineData("[file:x = h'zz']", 10, "not a hex digit")]
    [InlineData("[file:x = b'a b=']", 10, "base64")]
    [InlineData("[file:x = t'2016-13-01T00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01 00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01T00:00:00']", 10, "invalid timestamp")]
    [InlineData("[file:x = 'a'] WITHIN -5 SECONDS", 22, "positive number of seconds")]
    [InlineData("[file:x = 'a'] WITHIN 5 MINUTES", 24, "expected SECONDS")]
    [InlineData("[file:x = 'a'] REPEATS 1.5 TIMES", 23, "positive integer after REPEATS")]
    [InlineData("[file:x = 'a'] REPEATS 99999999999999999999 TIMES", 23, "too large")]
    [InlineData("[file:x = 'a'] START '2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'", 21, "timestamp such as t'")]
    [InlineData("[file:x = 'a'] START t'2016-01-01T00:00:00Z'", -1, "expected STOP")]
    [InlineData("[file:x = 'a'] AND", -1, "expected '[' or '('")]
    [InlineData("[file:x = 'a'] [file:y = 'b']", 15, "expected AND, OR, FOLLOWEDBY")]
    [InlineData("[file:x LIKE 5]", 13, "LIKE takes a string")]
    [InlineData("[file:x MATCHES h'00']", 16, "MATCHES takes a string")]
    [InlineData("[file:x > true]", 10, "cannot be ordered")]
    [InlineData("[file:x IN 'a']", 11, "'(' to open the IN set")]
    [InlineData("[file:x IN ('a' 'b')]", 16, "',' or ')'")]
    [InlineData("[file:x[-1] = 1]", 8, "list index")]
    [InlineData("[file:x[*.y = 1]", 9, "']' to close the list index")]
    [InlineData("[file = 'x']", 6, "':' after the object type")]
    [InlineData("[:name = 'x']", 1, "object path")]
    [InlineData("[file:name = \"x\"]", 13, "apostrophes")]
    [InlineData("[file:name = 'x' # ]", 17, "unexpected character '#'")]
    [InlineData("[file:name EXISTS]", 11, "EXISTS goes before")]
    [InlineData("[NOT file:name = 'x']", 1, "object path")]
    [InlineData("([file:name = 'x']", -1, "')' to close the group")]
    [InlineData("[(file:name = 'x']", 17, "')' to close the group")]
    [InlineData("[file:name = 'x'] FOLLOWEDBY", -1, "expected '[' or '('")]
    [InlineData("[file:name = 'x'", -1, "expected ']'")]
    [InlineData("[file:name = 'x' /* comment */]", 17, "unexpected character '/'")]
    [InlineData("[file:name = 'x' OR]", 19, "object path")]
    [InlineData("[]", 1, "object path")]
    [InlineData("[file:.name = 'x']", 6, "property name")]
    [InlineData("[file:name = 1.]", 14, "expected ']'")]
    public void TryParse_InvalidPattern_ReportsPositionAndReason(string pattern, int position, string reason)
    {
        var ok = StixPattern.TryParse(pattern, out var expression, out var error);

        Assert.False(ok);
        Assert.Null(expression);
        Assert.Equal(position < 0 ? pattern.Length : position, error!.Position);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingClosingBracket_ReportsPosition()
    {
        StixPattern.TryParse("[ipv4-addr:value = '10.0.0.1'", out _, out var error);

        Assert.Equal(29, error!.Position);
        Assert.Equal("at column 30: expected ']' to close the observation expression but found the end of the pattern", error.ToString());
    }

    [Fact]
    public void TryParse_Null_ReportsMissingPattern()
    {
        Assert.False(StixPattern.TryParse(null, out _, out var error));
        Assert.Equal(0, error!.Position);
    }

    [Fact]
    public void TryParse_ObservationNestingAtTheCap_Parses()
    {
        var pattern = new string('(', StixPattern.MaxNesting) + "[a:b = 1]" + new string(')', StixPattern.MaxNesting);

        Assert.True(StixPattern.TryParse(pattern, out _, out var error), error?.ToString());
    }

    [Fact]
    public void TryParse_ComparisonNestingAtTheCap_Parses()
    {
        var pattern = "[" + new string('(', StixPattern.MaxNesting) + "a:b = 1" + new string(')', StixPattern.MaxNesting) + "]";

        Assert.True(StixPattern.TryParse(pattern, out _, out var error), error?.ToString());
    }

    [Theory]
    [InlineData(300)]
    [InlineData(100_000)]
    public void TryParse_ObservationNestingBeyondTheCap_ReportsPositionInsteadOfOverflowing(int depth)
    {
        var pattern = new string('(', depth) + "[a:b = 1]" + new string(')', depth);

        Assert.False(StixPattern.TryParse(pattern, out _, out var error));
        Assert.Equal(StixPattern.MaxNesting, error!.Position);
        Assert.Contains("nest deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ComparisonNestingBeyondTheCap_ReportsPositionInsteadOfOverflowing()
    {
        var pattern = "[" + new string('(', 100_000) + "a:b = 1" + new string(')', 100_000) + "]";

        Assert.False(StixPattern.TryParse(pattern, out _, out var error));
        Assert.Equal(1 + StixPattern.MaxNesting, error!.Position);
    }

    [Fact]
    public void TryParse_LongFlatChain_ParsesWithoutDeepRecursion()
    {
        var pattern = "[" + string.Join(" OR ", Enumerable.Range(0, 50_000).Select(i => $"ipv4-addr:value = '10.0.{i / 256}.{i % 256}'")) + "]";

        Assert.True(StixPattern.TryParse(pattern, out var expression, out _));
        Assert.Equal(50_000, expression.Comparisons().Count);
    }
}
