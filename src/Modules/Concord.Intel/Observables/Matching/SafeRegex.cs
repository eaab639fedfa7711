using System.Text.RegularExpressions;
using Concord.Observables;

namespace Concord.Intel.Observables.Matching;

/// <summary>
/// Regular expressions from outside (warninglists, administrators) compiled so none can stall a lookup. The
/// non-backtracking engine runs in time linear in the value (values are capped at
/// <see cref="Observable.MaxLength"/>), so it needs no timeout, and a timeout would misfire on its lazy first
/// match. Expressions it cannot run (backreferences, lookarounds) fall back to the backtracking engine under a
/// timeout, and a match that times out counts as no match.
/// </summary>
internal static class SafeRegex
{
    /// <summary>How long a backtracking expression may run on one value.</summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromMilliseconds(100);

    public static bool TryCreate(string pattern, RegexOptions options, out Regex? regex, out string? error)
    {
        (regex, error) = (null, null);
        options |= RegexOptions.CultureInvariant;
        try
        {
            regex = new Regex(pattern, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
            return true;
        }
        catch (NotSupportedException)
        {
            // Falls through to the backtracking engine below.
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        try
        {
            regex = new Regex(pattern, options, BacktrackingTimeout);
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
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
            // A value that makes an expression run away is evidence of nothing: not on a list, not excluded.
            return false;
        }
    }
}
