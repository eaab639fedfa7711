using System.Collections.Immutable;
using System.Text;

namespace Concord.Stix.Patterning;

/// <summary>How observation expressions are combined (STIX 2.1 section 9.5.2), tightest first.</summary>
public enum ObservationOperator
{
    /// <summary>Both operands match, on different observations; binds tightest.</summary>
    And,

    /// <summary>Either operand matches.</summary>
    Or,

    /// <summary>The right operand matches at or after the left one; binds loosest.</summary>
    FollowedBy,
}

/// <summary>
/// A parsed STIX pattern, or any observation-level part of one: a bracketed observation, a combination of
/// observations, or an expression with qualifiers. Obtain one from <see cref="StixPattern.TryParse"/>.
/// </summary>
public abstract record PatternExpression
{
    private protected PatternExpression()
    {
    }

    /// <summary>
    /// Every comparison in the pattern, left to right, with <c>IN</c> sets expanded into one entry per member:
    /// what the Intel module indexes.
    /// </summary>
    public IReadOnlyList<PatternComparison> Comparisons()
    {
        var list = new List<PatternComparison>();
        PatternComparison.Collect(this, list);
        return list;
    }

    /// <summary>Renders the pattern in canonical syntax, with parentheses around every nested combination.</summary>
    public sealed override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    internal abstract void Render(StringBuilder builder);

    /// <summary>Renders an operand, parenthesised when it is itself a combination so the text keeps the tree's shape.</summary>
    internal static void RenderOperand(StringBuilder builder, PatternExpression operand)
    {
        var nested = operand is CompositeObservation;
        builder.Append(nested ? "(" : "");
        operand.Render(builder);
        builder.Append(nested ? ")" : "");
    }
}

/// <summary>One observation expression: <c>[ comparison expression ]</c>.</summary>
/// <param name="Comparison">What is inside the brackets.</param>
public sealed record ObservationExpression(ComparisonExpression Comparison) : PatternExpression
{
    internal override void Render(StringBuilder builder)
    {
        builder.Append('[');
        Comparison.Render(builder);
        builder.Append(']');
    }
}

/// <summary>Two or more observation expressions joined by the same operator, e.g. <c>[a] AND [b] AND [c]</c>.</summary>
/// <param name="Operator">AND, OR or FOLLOWEDBY.</param>
/// <param name="Operands">The operands in order; a parenthesised group appears as a nested expression.</param>
public sealed record CompositeObservation(ObservationOperator Operator, ImmutableArray<PatternExpression> Operands) : PatternExpression
{
    /// <summary>Value equality over the operands, not the array reference the record would compare by default.</summary>
    public bool Equals(CompositeObservation? other) =>
        other is not null && Operator == other.Operator && Operands.AsSpan().SequenceEqual(other.Operands.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Operator, Operands.Length);

    internal override void Render(StringBuilder builder)
    {
        var keyword = Operator switch
        {
            ObservationOperator.And => " AND ",
            ObservationOperator.Or => " OR ",
            ObservationOperator.FollowedBy => " FOLLOWEDBY ",
            _ => " ? ",
        };
        for (var i = 0; i < Operands.Length; i++)
        {
            builder.Append(i == 0 ? "" : keyword);
            RenderOperand(builder, Operands[i]);
        }
    }
}

/// <summary>An observation expression or parenthesised group followed by one or more qualifiers, in written order.</summary>
/// <param name="Expression">What the qualifiers apply to.</param>
/// <param name="Qualifiers">The qualifiers, left to right.</param>
public sealed record QualifiedObservation(PatternExpression Expression, ImmutableArray<PatternQualifier> Qualifiers) : PatternExpression
{
    /// <summary>Value equality over the qualifiers, not the array reference the record would compare by default.</summary>
    public bool Equals(QualifiedObservation? other) =>
        other is not null && Expression.Equals(other.Expression) && Qualifiers.AsSpan().SequenceEqual(other.Qualifiers.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Expression, Qualifiers.Length);

    internal override void Render(StringBuilder builder)
    {
        // A qualified inner expression keeps its parentheses, else its qualifiers would merge with ours on re-parse.
        var nested = Expression is QualifiedObservation;
        builder.Append(nested ? "(" : "");
        RenderOperand(builder, Expression);
        builder.Append(nested ? ")" : "");
        foreach (var qualifier in Qualifiers)
        {
            builder.Append(' ').Append(qualifier);
        }
    }
}
