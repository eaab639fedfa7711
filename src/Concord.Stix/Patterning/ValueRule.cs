using System.Globalization;

namespace Concord.Stix.Patterning;

/// <summary>What one property holds, and whether a constant compared with it could ever be such a value.</summary>
internal abstract class ValueRule
{
    /// <summary>Null when an object could hold <paramref name="literal"/>; otherwise why not.</summary>
    public abstract ValueVerdict? Check(PatternLiteral literal);

    protected static string KindName(LiteralKind kind) => kind switch
    {
        LiteralKind.String => "text",
        LiteralKind.Integer => "an integer",
        LiteralKind.Float => "a number",
        LiteralKind.Boolean => "a boolean",
        LiteralKind.Binary => "binary (b'…')",
        LiteralKind.Hex => "hex (h'…')",
        LiteralKind.Timestamp => "a timestamp",
        _ => kind.ToString(),
    };
}

/// <summary>
/// A string property with a format. <c>impossible</c> gives null for a value that fits, "" or a reason for one that
/// cannot; <c>doubtful</c> (optional) a reason for a value the specification allows but that is probably a mistake.
/// Binary and hex constants are let through: they compare with a string's bytes.
/// </summary>
internal sealed class TextRule(string expected, Func<string, string?> impossible, Func<string, string?>? doubtful = null) : ValueRule
{
    public override ValueVerdict? Check(PatternLiteral literal)
    {
        if (literal.Kind is LiteralKind.Binary or LiteralKind.Hex)
        {
            return null;
        }

        if (literal.Kind != LiteralKind.String)
        {
            return ValueVerdict.WrongKind($"it is {KindName(literal.Kind)} and the property holds text", expected);
        }

        if (impossible(literal.Value) is { } reason)
        {
            return ValueVerdict.Impossible(reason.Length == 0 ? null : reason, expected);
        }

        return doubtful?.Invoke(literal.Value) is { } doubt ? ValueVerdict.Doubtful(doubt, expected) : null;
    }
}

/// <summary>An integer property with a range (ports, AS numbers, sizes and counts).</summary>
internal sealed class IntegerRule(long min, long max, string expected) : ValueRule
{
    public override ValueVerdict? Check(PatternLiteral literal)
    {
        // Integers and floats compare with each other (section 9.2), so 80.0 is a port like 80.
        if (literal.Kind is LiteralKind.Integer or LiteralKind.Float)
        {
            return double.TryParse(literal.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                   && value >= min && value <= max
                ? null
                : ValueVerdict.Impossible(null, expected);
        }

        return ValueVerdict.WrongKind($"it is {KindName(literal.Kind)} and the property holds an integer", expected);
    }
}
