namespace Concord.Stix.Patterning;

/// <summary>
/// Checks the constants a pattern compares with properties whose values the specification constrains: an IPv4
/// address with an octet of 999, a 63-digit SHA-256 or port 70000 parse, but no object can ever hold them, so an
/// indicator carrying them detects nothing. Only comparisons that test a value (<c>=</c>, <c>!=</c>, <c>IN</c>,
/// <c>ISSUBSET</c>, <c>ISSUPERSET</c>) are checked: <c>LIKE</c> and <c>MATCHES</c> take wildcards and regular
/// expressions, and an ordering such as <c>dst_port &gt; 70000</c> is a range, not a value.
/// </summary>
internal static class PatternValueChecker
{
    public static void Check(ComparisonExpression expression, List<PatternIssue> issues)
    {
        var stack = new Stack<ComparisonExpression>();
        stack.Push(expression);
        while (stack.TryPop(out var node))
        {
            if (node is BooleanComparison combination)
            {
                for (var i = combination.Operands.Length - 1; i >= 0; i--)
                {
                    stack.Push(combination.Operands[i]);
                }
            }
            else if (node is Comparison { Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.In
                         or ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset } comparison
                     && ObservableValueRules.For(comparison.Path) is { } rule)
            {
                foreach (var literal in comparison.Values)
                {
                    if (rule.Check(literal) is { } verdict)
                    {
                        issues.Add(new PatternIssue(verdict.Severity, verdict.Rule, Message(comparison.Path, literal, verdict), literal.Position < 0 ? null : literal.Position));
                    }
                }
            }
        }
    }

    private static string Message(ObjectPath path, PatternLiteral literal, ValueVerdict verdict)
    {
        var at = literal.Position < 0 ? "" : $"At column {literal.Position + 1}: ";
        var verdictText = verdict.Severity == StixSeverity.Error ? "not a valid" : "a doubtful";
        var reason = verdict.Reason is null ? "" : ": " + verdict.Reason;
        return $"{at}{Shorten(literal)} is {verdictText} {path}{reason} (expected {verdict.Expected}).";
    }

    /// <summary>The constant as written, cut short: a finding quotes it so a person can find it, not to echo megabytes.</summary>
    private static string Shorten(PatternLiteral literal)
    {
        var text = literal.ToString();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
