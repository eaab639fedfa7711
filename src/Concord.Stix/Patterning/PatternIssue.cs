namespace Concord.Stix.Patterning;

/// <summary>
/// One finding about a STIX pattern: its syntax, a rule of section 9, or a constant the compared property can never
/// hold. <see cref="Position"/> is the 0-based index in the pattern of what is at fault (a constant, a token), or null
/// when the finding is about the pattern as a whole.
/// </summary>
/// <param name="Severity">Error for what the specification forbids, warning for what it advises against.</param>
/// <param name="Rule">Stable, machine-readable rule id, e.g. <c>pattern-value</c>.</param>
/// <param name="Message">What is wrong, for a person; findings with a position start "At column N:".</param>
/// <param name="Position">0-based index of the offending text, or null.</param>
public sealed record PatternIssue(StixSeverity Severity, string Rule, string Message, int? Position)
{
    /// <summary>1-based column, as people count, when the finding has a position.</summary>
    public int? Column => Position + 1;

    /// <summary>The finding as a <see cref="StixIssue"/> at <paramref name="path"/> of an object.</summary>
    public StixIssue At(string path) => new(Severity, path, Rule, Message);

    internal static PatternIssue Error(string rule, string message, int? position = null) => new(StixSeverity.Error, rule, message, position);

    internal static PatternIssue Warning(string rule, string message, int? position = null) => new(StixSeverity.Warning, rule, message, position);
}
