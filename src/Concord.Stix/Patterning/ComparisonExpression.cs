using System.Collections.Immutable;
using System.Text;

namespace Concord.Stix.Patterning;

/// <summary>A comparison operator (STIX 2.1 section 9.6.1), without its optional <c>NOT</c>.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>IN</c> with a set of constants.</summary>
    In,

    /// <summary><c>LIKE</c> with an SQL-style wildcard string.</summary>
    Like,

    /// <summary><c>MATCHES</c> with a PCRE regular expression string.</summary>
    Matches,

    /// <summary><c>ISSUBSET</c> with an IP address or CIDR string.</summary>
    IsSubset,

    /// <summary><c>ISSUPERSET</c> with an IP address or CIDR string.</summary>
    IsSuperset,

    /// <summary><c>EXISTS</c>, written before the path and taking no constant.</summary>
    Exists,
}

/// <summary>How two or more comparisons inside one observation are combined.</summary>
public enum BooleanOperator
{
    /// <summary>All operands hold for the same object; binds tighter than OR.</summary>
    And,

    /// <summary>At least one operand holds.</summary>
    Or,
}

/// <summary>The inside of an observation expression's brackets: one comparison or a boolean combination.</summary>
public abstract record ComparisonExpression
{
    private protected ComparisonExpression()
    {
    }

    /// <summary>Every comparison in this expression, left to right, with <c>IN</c> sets expanded into one entry per member.</summary>
    public IReadOnlyList<PatternComparison> Comparisons()
    {
        var list = new List<PatternComparison>();
        PatternComparison.Collect(this, list);
        return list;
    }

    /// <summary>Renders the expression in canonical pattern syntax, with parentheses around every nested combination.</summary>
    public sealed override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    internal abstract void Render(StringBuilder builder);
}

/// <summary>
/// One comparison: <c>path [NOT] operator constant</c>, or <c>[NOT] EXISTS path</c>.
/// <see cref="Values"/> holds one constant, the members of an <c>IN</c> set, or nothing for <c>EXISTS</c>.
/// </summary>
/// <param name="Path">The object path on the left.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Negated">True when <c>NOT</c> precedes the operator.</param>
/// <param name="Values">The constant(s) on the right.</param>
public sealed record Comparison(ObjectPath Path, ComparisonOperator Operator, bool Negated, ImmutableArray<PatternLiteral> Values)
    : ComparisonExpression
{
    /// <summary>The single constant, or null for <c>IN</c> and <c>EXISTS</c>.</summary>
    public PatternLiteral? Value =>
        Operator is ComparisonOperator.In or ComparisonOperator.Exists || Values.IsDefaultOrEmpty ? null : Values[0];

    /// <summary>Value equality over the constants, not the array reference the record would compare by default.</summary>
    public bool Equals(Comparison? other) =>
        other is not null && Path.Equals(other.Path) && Operator == other.Operator && Negated == other.Negated
        && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Operator, Negated, Values.Length);

    /// <summary>The operator's keyword or symbol as written in a pattern.</summary>
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.In => "IN",
        ComparisonOperator.Like => "LIKE",
        ComparisonOperator.Matches => "MATCHES",
        ComparisonOperator.IsSubset => "ISSUBSET",
        ComparisonOperator.IsSuperset => "ISSUPERSET",
        ComparisonOperator.Exists => "EXISTS",
        _ => op.ToString(),
    };

    internal override void Render(StringBuilder builder)
    {
        var not = Negated ? "NOT " : "";
        if (Operator == ComparisonOperator.Exists)
        {
            builder.Append(not).Append("EXISTS ").Append(Path);
            return;
        }

        builder.Append(Path).Append(' ').Append(not).Append(Symbol(Operator)).Append(' ');
        if (Operator != ComparisonOperator.In)
        {
            builder.Append(Values[0]);
            return;
        }

        builder.Append('(');
        for (var i = 0; i < Values.Length; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(Values[i]);
        }

        builder.Append(')');
    }
}

/// <summary>Two or more comparison expressions joined by the same boolean operator, e.g. <c>a AND b AND c</c>.</summary>
/// <param name="Operator">AND or OR.</param>
/// <param name="Operands">The operands in order; a parenthesised group appears as a nested expression.</param>
public sealed record BooleanComparison(BooleanOperator Operator, ImmutableArray<ComparisonExpression> Operands) : ComparisonExpression
{
    /// <summary>Value equality over the operands, not the array reference the record would compare by default.</summary>
    public bool Equals(BooleanComparison? other) =>
        other is not null && Operator == other.Operator && Operands.AsSpan().SequenceEqual(other.Operands.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Operator, Operands.Length);

    internal override void Render(StringBuilder builder)
    {
        var keyword = Operator == BooleanOperator.And ? " AND " : " OR ";
        for (var i = 0; i < Operands.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(keyword);
            }

            var nested = Operands[i] is BooleanComparison;
            builder.Append(nested ? "(" : "");
            Operands[i].Render(builder);
            builder.Append(nested ? ")" : "");
        }
    }
}
