using System.Globalization;

namespace Concord.Observables;

/// <summary>The kinds with small rules: X.509 serials, AS numbers, and the exact kinds (mutexes, user agents).</summary>
internal static class SimpleText
{
    /// <summary>Hex with colons, spaces or a <c>0x</c> prefix; lower case, leading zeros stripped (<c>0</c> stays).</summary>
    public static Normalised NormaliseSerial(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        Span<char> digits = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ':' or ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                return Normalised.Fail("a serial number is hex digits, optionally separated by colons");
            }

            digits[count++] = char.ToLowerInvariant(c);
        }

        var value = digits[..count].TrimStart('0');
        return count == 0
            ? Normalised.Fail("the serial number has no digits")
            : Normalised.Ok(ObservableKind.X509Serial, value.IsEmpty ? "0" : value.ToString());
    }

    /// <summary><c>15169</c>, <c>AS15169</c> or asdot <c>1.10</c> (= 65546); 0 to 4294967295, printed in decimal.</summary>
    public static Normalised NormaliseAsn(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("AS", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..].TrimStart();
        }

        var dot = text.IndexOf('.');
        if (dot < 0 && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return Normalised.Ok(ObservableKind.AutonomousSystem, plain.ToString(CultureInfo.InvariantCulture));
        }

        if (dot > 0
            && ushort.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && ushort.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
        {
            return Normalised.Ok(ObservableKind.AutonomousSystem, (((uint)high << 16) | low).ToString(CultureInfo.InvariantCulture));
        }

        return Normalised.Fail("an AS number is a number from 0 to 4294967295, optionally written AS123 or 1.10");
    }

    /// <summary>Mutex names and user agents are case-sensitive and compared exactly; only the ends are trimmed.</summary>
    public static Normalised Exact(ObservableKind kind, ReadOnlySpan<char> text) =>
        text.ContainsAny('\r', '\n', '\0')
            ? Normalised.Fail("the value contains a line break or NUL")
            : Normalised.Ok(kind, text.ToString());
}
