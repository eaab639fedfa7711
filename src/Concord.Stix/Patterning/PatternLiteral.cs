using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Concord.Stix.Patterning;

/// <summary>The kind of a constant in a pattern (STIX 2.1 section 9.2).</summary>
public enum LiteralKind
{
    /// <summary>An apostrophe-quoted string, e.g. <c>'foo.dll'</c>.</summary>
    String,

    /// <summary>A signed decimal integer, e.g. <c>-42</c>.</summary>
    Integer,

    /// <summary>A decimal number with a fraction, e.g. <c>7.0</c>.</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Base64 octets, e.g. <c>b'ABI='</c>.</summary>
    Binary,

    /// <summary>Hexadecimal octets, e.g. <c>h'ffd8'</c>.</summary>
    Hex,

    /// <summary>A STIX timestamp, e.g. <c>t'2014-01-13T07:03:17Z'</c>.</summary>
    Timestamp,
}

/// <summary>
/// One constant from a pattern. <see cref="Value"/> is what an indexer wants: the unescaped text for strings,
/// the digits as written for numbers, the text between the quotes for binary, hex and timestamps
/// (line feeds, which the specification lets base64 carry, removed), and <c>true</c>/<c>false</c> for booleans.
/// </summary>
/// <param name="Kind">Which kind of constant this is.</param>
/// <param name="Value">The constant's value as text (see the type summary).</param>
public sealed record PatternLiteral(LiteralKind Kind, string Value)
{
    /// <summary>
    /// The 0-based index of the constant in the pattern it was parsed from (-1 when built by hand), so that a finding
    /// about the value can point at it. Not part of the constant's identity: equality compares kind and value only.
    /// </summary>
    public int Position { get; init; } = -1;

    /// <summary>Equality over kind and value, not <see cref="Position"/>: the same constant anywhere is the same constant.</summary>
    public bool Equals(PatternLiteral? other) => other is not null && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <summary>The value as a 64-bit integer, for integer literals in range.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == LiteralKind.Integer && long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value as a double, for integer and float literals.</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind is LiteralKind.Integer or LiteralKind.Float
            && double.TryParse(Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The octets of a binary or hex literal.</summary>
    public bool TryGetBytes(out byte[] bytes)
    {
        bytes = [];
        if (Kind == LiteralKind.Hex)
        {
            bytes = Convert.FromHexString(Value);
            return true;
        }

        if (Kind == LiteralKind.Binary)
        {
            bytes = Convert.FromBase64String(Value);
            return true;
        }

        return false;
    }

    /// <summary>The instant of a timestamp literal (fractions beyond 100 ns are dropped).</summary>
    public bool TryGetTimestamp(out DateTimeOffset timestamp)
    {
        timestamp = default;
        return Kind == LiteralKind.Timestamp && PatternTimestamp.TryParse(Value, out timestamp);
    }

    /// <summary>Renders the constant in pattern syntax, escaping strings so the text parses back to the same value.</summary>
    public override string ToString() => Kind switch
    {
        LiteralKind.String => Quote(Value),
        LiteralKind.Integer or LiteralKind.Float or LiteralKind.Boolean => Value,
        LiteralKind.Binary => $"b'{Value}'",
        LiteralKind.Hex => $"h'{Value}'",
        LiteralKind.Timestamp => $"t'{Value}'",
        _ => Value,
    };

    /// <summary>Quotes text as a pattern string literal: apostrophes and backslashes get a backslash.</summary>
    internal static string Quote(string text)
    {
        if (text.AsSpan().IndexOfAny('\'', '\\') < 0)
        {
            return $"'{text}'";
        }

        var builder = new StringBuilder(text.Length + 8).Append('\'');
        foreach (var c in text)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>Checks base64 text the way the specification allows it: the base64 alphabet plus ignorable line feeds.</summary>
    internal static int FindInvalidBase64(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\n' or '\r'))
            {
                return i;
            }
        }

        // Base64.IsValid also tolerates spaces and tabs, which the loop above has already refused.
        return Base64.IsValid(text) ? -1 : 0;
    }
}
