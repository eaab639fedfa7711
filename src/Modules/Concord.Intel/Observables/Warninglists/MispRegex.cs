using System.Text.RegularExpressions;
using Concord.Intel.Observables.Matching;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// MISP regex entries are PHP (PCRE) patterns with delimiters and flags: <c>/^abuse@/i</c>. They become .NET
/// expressions through <see cref="SafeRegex"/>, because a list is data from outside and a catastrophic pattern
/// must cost one failed match, not a stuck ingest thread.
/// </summary>
internal static class MispRegex
{
    public static bool TryCreate(string entry, out Regex? regex, out string? error)
    {
        (regex, error) = (null, null);
        var pattern = entry;
        var options = RegexOptions.None;
        if (entry.Length >= 2 && !char.IsAsciiLetterOrDigit(entry[0]) && entry[0] != '\\')
        {
            var close = entry.LastIndexOf(ClosingDelimiter(entry[0]));
            if (close <= 0)
            {
                error = $"the expression '{entry}' has no closing delimiter";
                return false;
            }

            pattern = entry[1..close];
            foreach (var flag in entry.AsSpan(close + 1))
            {
                options |= flag switch
                {
                    'i' => RegexOptions.IgnoreCase,
                    'm' => RegexOptions.Multiline,
                    's' => RegexOptions.Singleline,
                    'x' => RegexOptions.IgnorePatternWhitespace,
                    _ => RegexOptions.None, // g and u change nothing for a yes/no match of one value
                };
            }
        }

        if (!SafeRegex.TryCreate(pattern, options, out regex, out var reason))
        {
            error = $"the expression '{entry}' is not valid: {reason}";
            return false;
        }

        return true;
    }

    private static char ClosingDelimiter(char open) => open switch
    {
        '(' => ')',
        '{' => '}',
        '[' => ']',
        '<' => '>',
        _ => open,
    };
}
