using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

public class ComparisonsTests
{
    private static IReadOnlyList<PatternComparison> Extract(string pattern)
    {
        Assert.True(StixPattern.TryParse(pattern, out var expression, out var error), error?.ToString());
        return expression.Comparisons();
    }

    [Fact]
    public void Comparisons_Ipv4Indicator_GivesTypePathOperatorAndValue()
    {
        var comparison = Assert.Single(Extract("[ipv4-addr:value = '198.51.100.1/32']"));

        Assert.Equal("ipv4-addr", comparison.ObjectType);
        Assert.Equal("ipv4-addr:value", comparison.ObjectPath);
        Assert.Equal("value", comparison.PropertyPath);
        Assert.Equal(ComparisonOperator.Equal, comparison.Operator);
        Assert.False(comparison.Negated);
        Assert.Equal(new PatternLiteral(LiteralKind.String, "198.51.100.1/32"), comparison.Value);
    }

    [Fact]
    public void Comparisons_InSet_ExpandsIntoOneEntryPerMember()
    {
        var comparisons = Extract("[process:name NOT IN ('proccy', 'proximus', 'badproc')]");

        Assert.Equal(["proccy", "proximus", "badproc"], comparisons.Select(c => c.Value!.Value));
        Assert.All(comparisons, c =>
        {
            Assert.Equal(ComparisonOperator.In, c.Operator);
            Assert.True(c.Negated);
            Assert.Equal("process:name", c.ObjectPath);
        });
    }

    [Fact]
    public void Comparisons_QuotedHashName_KeepsQuotesInPathAndNotInComponents()
    {
        var comparison = Assert.Single(Extract("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']"));

        Assert.Equal("file:hashes.'SHA-256'", comparison.ObjectPath);
        Assert.Equal("hashes.'SHA-256'", comparison.PropertyPath);
        Assert.Equal([new PropertyStep("hashes"), new PropertyStep("SHA-256")], comparison.Components);
    }

    [Fact]
    public void Comparisons_UnquotedHashName_IsRenderedUnquoted()
    {
        Assert.Equal("file:hashes.MD5", Assert.Single(Extract("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']")).ObjectPath);
    }

    [Fact]
    public void Comparisons_ExtensionPathWithListIndexes_ListsEveryComponent()
    {
        var comparison = Assert.Single(Extract("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]"));

        Assert.Equal(
            [new PropertyStep("extensions"), new PropertyStep("windows-pebinary-ext"), new PropertyStep("sections"), AnyIndexStep.Instance, new PropertyStep("entropy")],
            comparison.Components);
        Assert.Equal("file:extensions.'windows-pebinary-ext'.sections[*].entropy", comparison.ObjectPath);
        Assert.Equal(ComparisonOperator.GreaterThan, comparison.Operator);
        Assert.Equal(new PatternLiteral(LiteralKind.Float, "7.0"), comparison.Value);
    }

    [Fact]
    public void Comparisons_NumericListIndex_IsAnIndexStep()
    {
        var comparison = Assert.Single(Extract("[network-traffic:protocols[0] = 'tcp']"));

        Assert.Equal([new PropertyStep("protocols"), new IndexStep(0)], comparison.Components);
        Assert.Equal("network-traffic:protocols[0]", comparison.ObjectPath);
    }

    [Fact]
    public void Comparisons_NegatedOperators_AreFlagged()
    {
        var comparisons = Extract("[file:name NOT LIKE '%.exe' AND NOT EXISTS file:size AND file:name NOT MATCHES '^a' AND file:size NOT = 1]");

        Assert.All(comparisons, c => Assert.True(c.Negated));
        Assert.Equal(
            [ComparisonOperator.Like, ComparisonOperator.Exists, ComparisonOperator.Matches, ComparisonOperator.Equal],
            comparisons.Select(c => c.Operator));
        Assert.Null(comparisons[1].Value);
    }

    [Fact]
    public void Comparisons_AcrossObservationsAndQualifiers_AreInWrittenOrder()
    {
        var comparisons = Extract("([domain-name:value = 'a.example'] FOLLOWEDBY [url:value = 'http://b.example/' OR ipv4-addr:value = '203.0.113.9']) WITHIN 60 SECONDS AND [x-custom:'odd key' = 1]");

        Assert.Equal(["domain-name", "url", "ipv4-addr", "x-custom"], comparisons.Select(c => c.ObjectType));
        Assert.Equal("x-custom:'odd key'", comparisons[3].ObjectPath);
    }

    [Fact]
    public void Comparisons_EscapedApostropheInValueAndName_AreUnescaped()
    {
        var comparison = Assert.Single(Extract(@"[x-acme:'it\'s' = 'O\'Brien \\ co']"));

        Assert.Equal(@"O'Brien \ co", comparison.Value!.Value);
        Assert.Equal([new PropertyStep("it's")], comparison.Components);
        Assert.Equal(@"x-acme:'it\'s'", comparison.ObjectPath);
    }

    [Fact]
    public void Comparisons_EveryLiteralKind_IsReported()
    {
        var comparisons = Extract("[x-a:b IN ('s', -12, -0.5, .25, true, false, b'ABI=', h'ffD8', t'2014-01-13T07:03:17.123Z')]");

        Assert.Equal(
            [LiteralKind.String, LiteralKind.Integer, LiteralKind.Float, LiteralKind.Float, LiteralKind.Boolean, LiteralKind.Boolean,
             LiteralKind.Binary, LiteralKind.Hex, LiteralKind.Timestamp],
            comparisons.Select(c => c.Value!.Kind));
        Assert.Equal(["s", "-12", "-0.5", ".25", "true", "false", "ABI=", "ffD8", "2014-01-13T07:03:17.123Z"], comparisons.Select(c => c.Value!.Value));
    }
}
