using System.Text.RegularExpressions;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// MISP regex entries are PHP (PCRE) patterns with delimiters and flags: <c>/^abuse@/i</c>. They become .NET
/// expressions with a match timeout, because a list is data from outside and a catastrophic pattern must cost
/// one failed match, not a stuck ingest thread.
/// </summary>
internal static class MispRegex
{
    /// <summary>How long one expression may run against one value.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50);

    public static bool TryCreate(string entry, out Regex? regex, out string? error)
    {
        (regex, error) = (null, null);
        var pattern = entry;
        var options = RegexOptions.CultureInvariant;
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

        try
        {
            regex = new Regex(pattern, options, Timeout);
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"the expression '{entry}' is not valid: {e.Message}";
            return false;
        }
    }

    public static bool IsMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A value that makes the expression run away is not evidence that the value is on the list.
            return false;
        }
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
