using System.Text.RegularExpressions;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// The comparisons of a STIX pattern as the MISP export needs them: <c>object-type:path = value</c>, in order, values
/// unescaped. Only equality terms are read; a pattern with any other operator is not a MISP attribute or object.
/// </summary>
internal static partial class MispPatternTerms
{
    public sealed record Term(string ObjectType, string Path, string Value);

    public static IReadOnlyList<Term>? Read(string pattern)
    {
        var terms = new List<Term>();
        var matched = 0;
        foreach (Match match in Comparison().Matches(pattern))
        {
            matched += match.Length;
            var raw = match.Groups["value"].Value;
            var value = raw.StartsWith('\'') ? raw[1..^1].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : raw;
            terms.Add(new Term(match.Groups["type"].Value, match.Groups["path"].Value, value));
        }

        // Anything left but brackets, parentheses and AND joins another operator in (OR, IN, LIKE, qualifiers…).
        var rest = Comparison().Replace(pattern, string.Empty);
        return terms.Count > 0 && Joins().IsMatch(rest) ? terms : null;
    }

    /// <summary>The terms that carry a value: a reference's <c>.type</c> and an account's type only say where it is.</summary>
    public static IEnumerable<Term> Values(IEnumerable<Term> terms) =>
        terms.Where(t => !t.Path.EndsWith("_ref.type", StringComparison.Ordinal) && t.Path != "account_type");

    [GeneratedRegex(@"(?<type>[a-z0-9][a-z0-9-]*):(?<path>[A-Za-z0-9_.\[\]*'\-]+?)\s*=\s*(?<value>'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?)")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^[\s\[\]()]*(?:AND[\s\[\]()]*)*$")]
    private static partial Regex Joins();
}
