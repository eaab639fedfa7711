namespace Concord.Stix.Patterning;

/// <summary>
/// The section 9 rules a grammar cannot express. MUST rules give errors, SHOULD-level advice and values the
/// brief asked us to flag (zero counts and windows, inverted START/STOP) give warnings.
/// </summary>
internal static class PatternChecker
{
    public static IReadOnlyList<PatternIssue> Check(PatternExpression expression)
    {
        var issues = new List<PatternIssue>();
        var stack = new Stack<PatternExpression>();
        stack.Push(expression);
        while (stack.TryPop(out var node))
        {
            switch (node)
            {
                case ObservationExpression observation:
                    CheckObservation(observation, issues);
                    break;
                case CompositeObservation composite:
                    for (var i = composite.Operands.Length - 1; i >= 0; i--)
                    {
                        stack.Push(composite.Operands[i]);
                    }

                    break;
                case QualifiedObservation qualified:
                    CheckQualifiers(qualified, issues);
                    stack.Push(qualified.Expression);
                    break;
            }
        }

        return issues;
    }

    private static void CheckObservation(ObservationExpression observation, List<PatternIssue> issues)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comparison in observation.Comparison.Comparisons())
        {
            var type = comparison.ObjectType;
            if (!StixTypes.CyberObservables.Contains(type) && !type.StartsWith("x-", StringComparison.Ordinal) && reported.Add(type))
            {
                issues.Add(PatternIssue.Warning("pattern-unknown-type",
                    $"'{type}' is not a STIX 2.1 cyber-observable type, nor a custom one (custom types start with 'x-')."));
            }
        }

        if (SatisfiableTypes(observation.Comparison).Count == 0)
        {
            // Name the types rather than quote the expression: an indicator's observation can run to megabytes.
            var types = string.Join(", ", observation.Comparison.Comparisons().Select(c => c.ObjectType).Distinct(StringComparer.Ordinal).Take(5));
            issues.Add(PatternIssue.Error("pattern-and-different-types",
                $"An observation expression joins comparisons on different object types ({types}) with AND; section 9.5 "
                + "requires every operand of AND to hold on the same object, so different types must be joined by OR."));
        }

        CheckSets(observation.Comparison, issues);
        PatternValueChecker.Check(observation.Comparison, issues);
    }

    /// <summary>
    /// The object types a single object could have and satisfy the expression: a comparison allows its own type,
    /// OR allows any operand's, AND only the types every operand allows. Empty means no one object can match.
    /// </summary>
    private static HashSet<string> SatisfiableTypes(ComparisonExpression expression)
    {
        switch (expression)
        {
            case Comparison comparison:
                return new HashSet<string>(StringComparer.Ordinal) { comparison.Path.ObjectType };
            case BooleanComparison { Operator: BooleanOperator.Or } or:
                var union = new HashSet<string>(StringComparer.Ordinal);
                foreach (var operand in or.Operands)
                {
                    union.UnionWith(SatisfiableTypes(operand));
                }

                return union;
            case BooleanComparison and:
                var intersection = SatisfiableTypes(and.Operands[0]);
                for (var i = 1; i < and.Operands.Length; i++)
                {
                    intersection.IntersectWith(SatisfiableTypes(and.Operands[i]));
                }

                return intersection;
            default:
                return [];
        }
    }

    private static void CheckSets(ComparisonExpression expression, List<PatternIssue> issues)
    {
        if (expression is BooleanComparison combination)
        {
            foreach (var operand in combination.Operands)
            {
                CheckSets(operand, issues);
            }

            return;
        }

        if (expression is not Comparison { Operator: ComparisonOperator.In } comparison)
        {
            return;
        }

        if (comparison.Values.IsEmpty)
        {
            // The grammar admits "IN ()", but nothing is a member of the empty set, so the comparison is constant.
            issues.Add(PatternIssue.Warning("pattern-empty-set", $"{comparison.Path} IN () tests membership of an empty set, which nothing matches."));
            return;
        }

        // Integers and floats compare with each other (section 9.2), so they count as one family here.
        var family = Family(comparison.Values[0].Kind);
        foreach (var value in comparison.Values)
        {
            if (Family(value.Kind) != family)
            {
                issues.Add(PatternIssue.Error("pattern-set-mixed-types",
                    $"The IN set compared with {comparison.Path} mixes constant types; section 9.6.1 requires set values of one data type."));
                return;
            }
        }
    }

    private static string Keyword(PatternQualifier qualifier) => qualifier switch
    {
        WithinQualifier => "WITHIN",
        RepeatsQualifier => "REPEATS",
        _ => "START/STOP",
    };

    private static LiteralKind Family(LiteralKind kind) => kind == LiteralKind.Float ? LiteralKind.Integer : kind;

    private static void CheckQualifiers(QualifiedObservation qualified, List<PatternIssue> issues)
    {
        var seen = new HashSet<Type>();
        foreach (var qualifier in qualified.Qualifiers)
        {
            if (!seen.Add(qualifier.GetType()))
            {
                issues.Add(PatternIssue.Error("pattern-duplicate-qualifier",
                    $"{Keyword(qualifier)} appears more than once on one observation expression; section 9.5.1 allows at most one qualifier of each type."));
            }

            switch (qualifier)
            {
                case RepeatsQualifier { Times: 0 }:
                    issues.Add(PatternIssue.Warning("pattern-repeats-zero", "REPEATS 0 TIMES can never be satisfied; the count must be positive."));
                    break;
                case WithinQualifier { Seconds: <= 0 }:
                    issues.Add(PatternIssue.Warning("pattern-within-zero", "WITHIN 0 SECONDS is an empty window; the duration must be positive."));
                    break;
                case StartStopQualifier startStop when startStop.StopTime <= startStop.StartTime:
                    issues.Add(PatternIssue.Warning("pattern-start-after-stop",
                        $"STOP t'{startStop.Stop}' is not after START t'{startStop.Start}'; the window [START, STOP) is empty."));
                    break;
            }
        }
    }
}
