using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

/// <summary>
/// Precedence is read off the canonical rendering, which parenthesises every nested combination:
/// AND binds tighter than OR, OR tighter than FOLLOWEDBY, and qualifiers bind to the nearest observation.
/// </summary>
public class PrecedenceTests
{
    [Theory]
    [InlineData("[a:b=1] OR [a:b=2] AND [a:b=3]", "[a:b = 1] OR ([a:b = 2] AND [a:b = 3])")]
    [InlineData("[a:b=1] AND [a:b=2] OR [a:b=3]", "([a:b = 1] AND [a:b = 2]) OR [a:b = 3]")]
    [InlineData("[a:b=1] FOLLOWEDBY [a:b=2] OR [a:b=3]", "[a:b = 1] FOLLOWEDBY ([a:b = 2] OR [a:b = 3])")]
    [InlineData("[a:b=1] AND [a:b=2] FOLLOWEDBY [a:b=3] AND [a:b=4]", "([a:b = 1] AND [a:b = 2]) FOLLOWEDBY ([a:b = 3] AND [a:b = 4])")]
    [InlineData("[a:b=1] AND [a:b=2] AND [a:b=3]", "[a:b = 1] AND [a:b = 2] AND [a:b = 3]")]
    [InlineData("([a:b=1] AND [a:b=2]) AND [a:b=3]", "([a:b = 1] AND [a:b = 2]) AND [a:b = 3]")]
    [InlineData("[a:b=1] AND ([a:b=2] OR [a:b=3])", "[a:b = 1] AND ([a:b = 2] OR [a:b = 3])")]
    [InlineData("(([a:b=1]))", "[a:b = 1]")]
    [InlineData("[a:b=1 OR a:b=2 AND a:b=3]", "[a:b = 1 OR (a:b = 2 AND a:b = 3)]")]
    [InlineData("[a:b=1 AND a:b=2 OR a:b=3]", "[(a:b = 1 AND a:b = 2) OR a:b = 3]")]
    [InlineData("[(a:b=1 OR a:b=2) AND a:b=3]", "[(a:b = 1 OR a:b = 2) AND a:b = 3]")]
    [InlineData("[b:x=1] FOLLOWEDBY [c:x=1] REPEATS 5 TIMES", "[b:x = 1] FOLLOWEDBY [c:x = 1] REPEATS 5 TIMES")]
    [InlineData("([b:x=1] FOLLOWEDBY [c:x=1]) REPEATS 5 TIMES", "([b:x = 1] FOLLOWEDBY [c:x = 1]) REPEATS 5 TIMES")]
    [InlineData("(([a:b=1]) WITHIN 5 SECONDS) WITHIN 6 SECONDS", "([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS")]
    [InlineData("[a:b='x']AND[a:b='y']", "[a:b = 'x'] AND [a:b = 'y']")]
    [InlineData("[a:b\u00a0=\t'x'\r\n]\u2003OR\n[a:b = 'y']", "[a:b = 'x'] OR [a:b = 'y']")]
    public void TryParse_MixedOperators_GroupsByPrecedence(string pattern, string canonical)
    {
        Assert.True(StixPattern.TryParse(pattern, out var expression, out var error), error?.ToString());

        Assert.Equal(canonical, expression.ToString());
    }

    [Fact]
    public void TryParse_QualifierAfterFollowedBy_AppliesOnlyToTheNearestObservation()
    {
        Assert.True(StixPattern.TryParse("[b:x = 1] FOLLOWEDBY [c:x = 1] REPEATS 5 TIMES", out var expression, out _));

        var composite = Assert.IsType<CompositeObservation>(expression);
        Assert.Equal(ObservationOperator.FollowedBy, composite.Operator);
        Assert.IsType<ObservationExpression>(composite.Operands[0]);
        var qualified = Assert.IsType<QualifiedObservation>(composite.Operands[1]);
        Assert.Equal(new RepeatsQualifier(5), Assert.Single(qualified.Qualifiers));
    }

    [Fact]
    public void TryParse_SeveralQualifiers_KeepsThemInWrittenOrder()
    {
        const string pattern = "[a:b = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'";
        Assert.True(StixPattern.TryParse(pattern, out var expression, out _));

        var qualified = Assert.IsType<QualifiedObservation>(expression);
        Assert.Collection(
            qualified.Qualifiers,
            q => Assert.Equal(new RepeatsQualifier(5), q),
            q => Assert.Equal(new WithinQualifier(1800), q),
            q =>
            {
                var startStop = Assert.IsType<StartStopQualifier>(q);
                Assert.Equal(new DateTimeOffset(2016, 6, 1, 0, 0, 0, TimeSpan.Zero), startStop.StartTime);
                Assert.Equal(new DateTimeOffset(2016, 7, 1, 0, 0, 0, 500, TimeSpan.Zero), startStop.StopTime);
            });
        Assert.Equal(pattern, expression.ToString());
    }

    [Fact]
    public void TryParse_ChainOfSameOperator_BuildsOneFlatNode()
    {
        Assert.True(StixPattern.TryParse("[a:b = 1 AND a:c = 2 AND a:d = 3]", out var expression, out _));

        var observation = Assert.IsType<ObservationExpression>(expression);
        var and = Assert.IsType<BooleanComparison>(observation.Comparison);
        Assert.Equal(BooleanOperator.And, and.Operator);
        Assert.Equal(3, and.Operands.Length);
    }

    [Fact]
    public void TryParse_SamePatternTwice_GivesEqualTrees()
    {
        const string pattern = "([file:hashes.'SHA-256' = 'ab' AND file:size IN (1, 2)] OR [x-a:b[*].c != true]) WITHIN 2.5 SECONDS";
        Assert.True(StixPattern.TryParse(pattern, out var first, out _));
        Assert.True(StixPattern.TryParse(pattern, out var second, out _));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.True(StixPattern.TryParse(pattern.Replace("2.5", "3", StringComparison.Ordinal), out var other, out _));
        Assert.NotEqual(first, other);
    }
}
