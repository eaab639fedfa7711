namespace Concord.Stix.Patterning;

/// <summary>
/// Why a constant does not fit a property: an optional reason ("it contains a space") and what the property holds
/// ("a domain name, e.g. evil.example").
/// </summary>
internal readonly record struct ValueVerdict(StixSeverity Severity, string Rule, string? Reason, string Expected)
{
    /// <summary>No object can hold the value: the pattern is refused.</summary>
    public static ValueVerdict Impossible(string? reason, string expected) => new(StixSeverity.Error, PatternRules.Value, reason, expected);

    /// <summary>The constant is of another kind than the property (a number compared with text, ...).</summary>
    public static ValueVerdict WrongKind(string reason, string expected) => new(StixSeverity.Error, PatternRules.ValueType, reason, expected);

    /// <summary>The specification allows the value, but it is probably not what was meant.</summary>
    public static ValueVerdict Doubtful(string reason, string expected) => new(StixSeverity.Warning, PatternRules.Value, reason, expected);
}

/// <summary>Rule ids of the value checks on pattern constants.</summary>
public static class PatternRules
{
    /// <summary>A constant no object can hold in the compared property (error), or one it probably should not (warning).</summary>
    public const string Value = "pattern-value";

    /// <summary>A constant of another kind than the compared property: a number for an address, text for a port.</summary>
    public const string ValueType = "pattern-value-type";
}
