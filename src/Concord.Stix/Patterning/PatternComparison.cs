using System.Collections.Immutable;

namespace Concord.Stix.Patterning;

/// <summary>
/// One comparison flattened out of a pattern, for indexing: <c>[ipv4-addr:value = '198.51.100.1/32']</c> gives
/// type <c>ipv4-addr</c>, path <c>ipv4-addr:value</c>, operator <c>=</c>, value <c>198.51.100.1/32</c>.
/// An <c>IN</c> comparison yields one of these per set member, each with operator <see cref="ComparisonOperator.In"/>.
/// </summary>
/// <param name="ObjectType">The SCO type the path starts from.</param>
/// <param name="ObjectPath">The whole path in pattern syntax, e.g. <c>file:hashes.'SHA-256'</c>.</param>
/// <param name="Components">The path's steps after the type.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Negated">True when the comparison is preceded by <c>NOT</c>.</param>
/// <param name="Value">The constant (one set member for <c>IN</c>); null for <c>EXISTS</c>.</param>
public sealed record PatternComparison(
    string ObjectType,
    string ObjectPath,
    ImmutableArray<PathStep> Components,
    ComparisonOperator Operator,
    bool Negated,
    PatternLiteral? Value)
{
    /// <summary>The path without its type, e.g. <c>hashes.'SHA-256'</c> or <c>value</c>.</summary>
    public string PropertyPath => ObjectPath[(ObjectType.Length + 1)..];

    /// <summary>Value equality over the components, not the array reference the record would compare by default.</summary>
    public bool Equals(PatternComparison? other) =>
        other is not null && ObjectPath == other.ObjectPath && Operator == other.Operator && Negated == other.Negated
        && Equals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ObjectPath, Operator, Negated, Value);

    /// <summary>
    /// Walks the tree with an explicit stack rather than recursion: parsing caps nesting, but callers can build
    /// trees by hand, and extraction must not be the place that overflows.
    /// </summary>
    internal static void Collect(PatternExpression root, List<PatternComparison> into)
    {
        var stack = new Stack<PatternExpression>();
        stack.Push(root);
        while (stack.TryPop(out var node))
        {
            switch (node)
            {
                case ObservationExpression observation:
                    Collect(observation.Comparison, into);
                    break;
                case QualifiedObservation qualified:
                    stack.Push(qualified.Expression);
                    break;
                case CompositeObservation composite:
                    for (var i = composite.Operands.Length - 1; i >= 0; i--)
                    {
                        stack.Push(composite.Operands[i]);
                    }

                    break;
            }
        }
    }

    internal static void Collect(ComparisonExpression root, List<PatternComparison> into)
    {
        var stack = new Stack<ComparisonExpression>();
        stack.Push(root);
        while (stack.TryPop(out var node))
        {
            if (node is BooleanComparison combination)
            {
                for (var i = combination.Operands.Length - 1; i >= 0; i--)
                {
                    stack.Push(combination.Operands[i]);
                }

                continue;
            }

            var comparison = (Comparison)node;
            var path = comparison.Path.ToString();
            if (comparison.Operator == ComparisonOperator.Exists)
            {
                into.Add(new(comparison.Path.ObjectType, path, comparison.Path.Steps, comparison.Operator, comparison.Negated, null));
                continue;
            }

            foreach (var value in comparison.Values)
            {
                into.Add(new(comparison.Path.ObjectType, path, comparison.Path.Steps, comparison.Operator, comparison.Negated, value));
            }
        }
    }
}
