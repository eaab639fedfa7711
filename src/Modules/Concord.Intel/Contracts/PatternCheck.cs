using Concord.Stix;
using Concord.Stix.Patterning;

namespace Concord.Intel;

/// <summary>
/// One finding about a pattern being typed. <see cref="Position"/> is the 0-based character index of a syntax
/// error or of an impossible constant (null for rules about the whole pattern); <see cref="IsError"/> false means a warning the indicator may keep.
/// </summary>
public sealed record PatternFinding(bool IsError, string Rule, string Message, int? Position)
{
    /// <summary>1-based column, as people count, when the finding has a position.</summary>
    public int? Column => Position + 1;
}

/// <summary>
/// Checks a STIX pattern as it is typed: the grammar first (with the error's position), then section 9's rules and
/// the values compared (an IPv4 address of 999.1.2.3 parses, but nothing can hold it; with the constant's position).
/// </summary>
public static class PatternCheck
{
    /// <summary>The findings for <paramref name="pattern"/>; empty when it is a clean STIX 2.1 pattern.</summary>
    public static IReadOnlyList<PatternFinding> Check(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return [new PatternFinding(true, "required", "A pattern is required, e.g. [ipv4-addr:value = '198.51.100.7'].", null)];
        }

        if (!StixPattern.TryParse(pattern, out _, out var syntax))
        {
            return [new PatternFinding(true, "pattern-syntax", $"At column {syntax.Column}: {syntax.Message}.", syntax.Position)];
        }

        // Section 9's rules and the value checks; a value finding carries the constant's position for the caret.
        return [.. StixPattern.Inspect(pattern).Select(i => new PatternFinding(i.Severity == StixSeverity.Error, i.Rule, i.Message, i.Position))];
    }
}
