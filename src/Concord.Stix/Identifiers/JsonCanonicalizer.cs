using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concord.Stix.Identifiers;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by their UTF-16 code units, no whitespace,
/// strings with only the mandatory escapes, numbers in ECMAScript's shortest form. STIX 2.1 names SCO ids with it.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical UTF-8 form of <paramref name="element"/>.</summary>
    /// <exception cref="ArgumentException">A number is outside the range of an IEEE 754 double (RFC 8785 cannot express it).</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Write(element, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical UTF-8 form of <paramref name="element"/> to <paramref name="output"/>.</summary>
    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Append(output, "{");
                var members = element.EnumerateObject().ToList();
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        Append(output, ",");
                    }

                    WriteString(members[i].Name, output);
                    Append(output, ":");
                    Write(members[i].Value, output);
                }

                Append(output, "}");
                break;
            case JsonValueKind.Array:
                Append(output, "[");
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        Append(output, ",");
                    }

                    first = false;
                    Write(item, output);
                }

                Append(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                Append(output, FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True:
                Append(output, "true");
                break;
            case JsonValueKind.False:
                Append(output, "false");
                break;
            default:
                Append(output, "null");
                break;
        }
    }

    /// <summary>Formats a double the way ECMAScript's Number.prototype.toString does (RFC 8785 section 3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinities have no JSON form.", nameof(value));
        }

        if (value == 0)
        {
            return "0"; // covers -0, which ECMAScript also prints as 0
        }

        // "R" gives the shortest round-tripping digits; only the layout differs from ECMAScript.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = value < 0;
        var (digits, exponent) = Decompose(shortest.TrimStart('-'));
        var k = digits.Length;
        var n = exponent; // position of the decimal point relative to the digits
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mantissa + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + body : body;
    }

    /// <summary>Splits .NET's shortest form ("123.45", "1.5E-07") into significant digits and the decimal point position.</summary>
    private static (string Digits, int PointPosition) Decompose(string shortest)
    {
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }

        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? shortest.Length : dot;
        var all = dot < 0 ? shortest : shortest.Remove(dot, 1);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, integerDigits - leadingZeros + exponent);
    }

    /// <summary>Writes <paramref name="value"/> as an RFC 8785 JSON string.</summary>
    internal static void WriteString(string value, IBufferWriter<byte> output)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    var loneSurrogate = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
                    if (c < 0x20 || loneSurrogate)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        Append(output, builder.ToString());
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
