using System.Diagnostics.CodeAnalysis;

namespace Concord.Stix.Patterning;

/// <summary>
/// Entry point for STIX 2.1 patterns (the <c>pattern</c> of an indicator whose <c>pattern_type</c> is <c>stix</c>):
/// parse into an immutable tree, or check and report findings as <see cref="StixIssue"/>s.
/// </summary>
public static class StixPattern
{
    /// <summary>
    /// How deeply parentheses may nest. Real patterns use a handful; the cap keeps hostile input from
    /// exhausting the stack of the ingest thread.
    /// </summary>
    public const int MaxNesting = 256;

    /// <summary>
    /// Parses a STIX 2.1 pattern. Never throws: malformed input yields false and an error with the 0-based
    /// position of the problem.
    /// </summary>
    /// <param name="pattern">The pattern text, as it appears in the indicator after JSON decoding.</param>
    /// <param name="expression">The parsed pattern on success.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    /// <returns>True when <paramref name="pattern"/> is a syntactically valid STIX 2.1 pattern.</returns>
    public static bool TryParse(
        string? pattern,
        [NotNullWhen(true)] out PatternExpression? expression,
        [NotNullWhen(false)] out PatternSyntaxError? error)
    {
        if (pattern is null)
        {
            expression = null;
            error = new PatternSyntaxError("the pattern is missing", 0);
            return false;
        }

        expression = PatternParser.Parse(pattern, out error);
        return expression is not null;
    }

    /// <summary>
    /// Checks a pattern and reports findings: <c>pattern-syntax</c> (error, with the column) when it does not
    /// parse, otherwise the semantic rules of section 9 that the grammar cannot express.
    /// </summary>
    /// <param name="pattern">The pattern text.</param>
    /// <param name="path">The JSON path to report findings at, e.g. <c>$.objects[3].pattern</c>.</param>
    /// <returns>The findings; empty when the pattern is clean.</returns>
    public static IReadOnlyList<StixIssue> Check(string? pattern, string path = "$.pattern") => [.. Inspect(pattern).Select(i => i.At(path))];

    /// <summary>
    /// The findings of <see cref="Check"/> with where each is in the pattern: the syntax error's position, and the
    /// position of each constant that the compared property can never hold (an IPv4 address with an octet above 255,
    /// a SHA-256 of 63 digits, port 70000, ...).
    /// </summary>
    /// <param name="pattern">The pattern text.</param>
    /// <returns>The findings; empty when the pattern is clean.</returns>
    public static IReadOnlyList<PatternIssue> Inspect(string? pattern)
    {
        if (!TryParse(pattern, out var expression, out var error))
        {
            return [PatternIssue.Error("pattern-syntax", $"The pattern does not parse {error}.", error.Position)];
        }

        return PatternChecker.Check(expression);
    }

    /// <summary>
    /// True when an indicator's <c>pattern_type</c> says its pattern is STIX patterning and so can be parsed here.
    /// Other values (sigma, snort, suricata, yara, pcre, spl, eql and custom ones) are carried unparsed.
    /// </summary>
    /// <param name="patternType">The indicator's <c>pattern_type</c>; the vocabulary value is exactly <c>stix</c>.</param>
    public static bool IsStixPatternType(string? patternType) => string.Equals(patternType, "stix", StringComparison.Ordinal);
}
