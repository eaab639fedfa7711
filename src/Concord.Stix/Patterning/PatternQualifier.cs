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
    public override string ToString() => $"WITHIN {Seconds.ToString("R", CultureInfo.InvariantCulture)} SECONDS";
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
