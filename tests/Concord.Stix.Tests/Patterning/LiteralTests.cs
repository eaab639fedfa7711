using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

public class LiteralTests
{
    private static PatternLiteral Value(string literal)
    {
        Assert.True(StixPattern.TryParse($"[x-a:b = {literal}]", out var expression, out var error), error?.ToString());
        return expression.Comparisons()[0].Value!;
    }

    [Fact]
    public void Integer_InRange_ConvertsToInt64()
    {
        Assert.True(Value("-9223372036854775808").TryGetInt64(out var value));
        Assert.Equal(long.MinValue, value);
    }

    [Fact]
    public void Integer_BeyondInt64_StillParsesAsText()
    {
        var literal = Value("99999999999999999999");

        Assert.Equal("99999999999999999999", literal.Value);
        Assert.False(literal.TryGetInt64(out _));
        Assert.True(literal.TryGetDouble(out _));
    }

    [Fact]
    public void Float_ConvertsToDouble()
    {
        Assert.True(Value("-0.25").TryGetDouble(out var value));
        Assert.Equal(-0.25, value);
    }

    [Fact]
    public void Binary_WithLineFeeds_IgnoresThem()
    {
        var literal = Value("b'dGhpcyBp\ncyBhIHRlc3Q='");

        Assert.Equal("dGhpcyBpcyBhIHRlc3Q=", literal.Value);
        Assert.True(literal.TryGetBytes(out var bytes));
        Assert.Equal("this is a test"u8.ToArray(), bytes);
    }

    [Fact]
    public void Hex_DecodesToTheSameBytesAsBinary()
    {
        Assert.True(Value("h'7468697320697320612074657374'").TryGetBytes(out var bytes));

        Assert.Equal("this is a test"u8.ToArray(), bytes);
    }

    [Fact]
    public void Hex_Empty_IsValid()
    {
        Assert.Equal(new PatternLiteral(LiteralKind.Hex, ""), Value("h''"));
    }

    [Fact]
    public void String_WithoutEscapes_IsNotRebuilt()
    {
        Assert.Equal(new PatternLiteral(LiteralKind.String, "C:\\x"), Value(@"'C:\\x'"));
        Assert.Equal(@"'C:\\x'", new PatternLiteral(LiteralKind.String, "C:\\x").ToString());
    }

    [Theory]
    [InlineData("t'2016-02-29T23:59:59Z'", true)]
    [InlineData("t'2016-01-01T00:00:00.123456789Z'", true)]
    [InlineData("t'2015-02-29T00:00:00Z'", false)]
    [InlineData("t'2016-01-01T24:00:00Z'", false)]
    [InlineData("t'2016-01-01T00:00:60Z'", false)]
    [InlineData("t'2016-01-01T00:00:00.Z'", false)]
    [InlineData("t'0000-01-01T00:00:00Z'", false)]
    [InlineData("t'2016-01-01T00:00:00+01:00'", false)]
    public void Timestamp_OnlyRealUtcInstants_Parse(string literal, bool valid)
    {
        Assert.Equal(valid, StixPattern.TryParse($"[x-a:b = {literal}]", out _, out _));
    }

    [Fact]
    public void Timestamp_WithFraction_KeepsTextAndConvertsToTicks()
    {
        var literal = Value("t'2016-01-01T00:00:00.1234567891Z'");

        Assert.Equal("2016-01-01T00:00:00.1234567891Z", literal.Value);
        Assert.True(literal.TryGetTimestamp(out var instant));
        Assert.Equal(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), instant);
    }

    [Fact]
    public void Within_DecimalSeconds_IsKept()
    {
        Assert.True(StixPattern.TryParse("[x-a:b = 1] WITHIN 2.5 SECONDS", out var expression, out _));

        Assert.Equal(new WithinQualifier(2.5), Assert.Single(Assert.IsType<QualifiedObservation>(expression).Qualifiers));
    }

    [Theory]
    [InlineData("99999999999999999999999999")]
    [InlineData("0.00000000000000000000000000012345")]
    [InlineData("1800")]
    [InlineData("0.5")]
    public void Within_ExtremeDurations_RenderWithoutExponentAndParseBack(string seconds)
    {
        Assert.True(StixPattern.TryParse($"[x-a:b = 1] WITHIN {seconds} SECONDS", out var expression, out _));

        Assert.DoesNotContain("E", expression.ToString().Replace("SECONDS", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(StixPattern.TryParse(expression.ToString(), out var again, out var error), error?.ToString());
        Assert.Equal(expression, again);
    }

    [Fact]
    public void ConversionHelpers_OnTheWrongKind_ReturnFalse()
    {
        var text = new PatternLiteral(LiteralKind.String, "12");

        Assert.False(text.TryGetInt64(out _));
        Assert.False(text.TryGetDouble(out _));
        Assert.False(text.TryGetBytes(out _));
        Assert.False(text.TryGetTimestamp(out _));
    }
}
