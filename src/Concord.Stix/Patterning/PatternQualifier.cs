using System.Globalization;

namespace Concord.Stix.Patterning;

/// <summary>A qualifier after an observation expression (STIX 2.1 section 9.5.1).</summary>
public abstract record PatternQualifier
{
    private protected PatternQualifier()
    {
    }
}

/// <summary><c>WITHIN n SECONDS</c>: all matched observations fall inside the window.</summary>
/// <param name="Seconds">The window length; the grammar admits integers and decimals.</param>
public sealed record WithinQualifier(double Seconds) : PatternQualifier
{
    /// <inheritdoc />
    public override string ToString() => $"WITHIN {Format(Seconds)} SECONDS";

    /// <summary>
    /// Shortest round-trip digits, but never exponent notation, which the pattern grammar has no syntax for:
    /// very large or very small durations are written out in full so the rendering parses back to the same value.
    /// </summary>
    private static string Format(double seconds)
    {
        var shortest = seconds.ToString("R", CultureInfo.InvariantCulture);
        if (!shortest.Contains('E', StringComparison.Ordinal))
        {
            return shortest;
        }

        if (seconds >= 1)
        {
            return seconds.ToString("F0", CultureInfo.InvariantCulture);
        }

        // 17 significant digits always round-trip a double; place them after the leading zeros.
        var decimals = 17 - (int)Math.Floor(Math.Log10(seconds));
        return seconds.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).TrimEnd('0');
    }
}

/// <summary><c>REPEATS n TIMES</c>: the expression matches on at least n distinct observations.</summary>
/// <param name="Times">The repeat count.</param>
public sealed record RepeatsQualifier(long Times) : PatternQualifier
{
    /// <inheritdoc />
    public override string ToString() => $"REPEATS {Times.ToString(CultureInfo.InvariantCulture)} TIMES";
}

/// <summary><c>START t'…' STOP t'…'</c>: matched observations lie in [start, stop).</summary>
/// <param name="Start">The start timestamp literal, as written between the quotes.</param>
/// <param name="Stop">The stop timestamp literal, as written between the quotes.</param>
/// <param name="StartTime">The start instant.</param>
/// <param name="StopTime">The stop instant.</param>
public sealed record StartStopQualifier(string Start, string Stop, DateTimeOffset StartTime, DateTimeOffset StopTime) : PatternQualifier
{
    /// <inheritdoc />
    public override string ToString() => $"START t'{Start}' STOP t'{Stop}'";
}
