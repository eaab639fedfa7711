using System.Text;

namespace Concord.Observables;

/// <summary>
/// Undoes the common defanging analysts apply so indicators cannot be clicked (<c>hxxp://evil[.]com</c>,
/// <c>user[@]example(.)org</c>). Separate from <see cref="Observable.Parse"/> and explicit on purpose: refanging a
/// value that was not defanged can change it (a mutex may really contain <c>[.]</c>), so only callers that know
/// their input is defanged (free-text import, a "refang" checkbox) apply it.
/// </summary>
public static class Refang
{
    private static readonly (string From, string To)[] Brackets =
    [
        ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."),
        ("[@]", "@"), ("(@)", "@"), ("[at]", "@"), ("(at)", "@"),
        ("[:]", ":"), ("[://]", "://"), ("[/]", "/"),
    ];

    /// <summary>Refangs <paramref name="text"/>: the bracketed forms above and <c>hxxp</c>/<c>hxxps</c>/<c>fxp</c> schemes.</summary>
    /// <param name="text">A possibly defanged value.</param>
    /// <returns>The value with the defanging removed; unchanged text when nothing was defanged.</returns>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Trim());
        foreach (var (from, to) in Brackets)
        {
            builder.Replace(from, to).Replace(from.ToUpperInvariant(), to);
        }

        var value = builder.ToString();
        foreach (var (from, to) in new[] { ("hxxps://", "https://"), ("hxxp://", "http://"), ("hXXps://", "https://"), ("hXXp://", "http://"), ("fxp://", "ftp://") })
        {
            if (value.StartsWith(from, StringComparison.OrdinalIgnoreCase))
            {
                return to + value[from.Length..];
            }
        }

        return value;
    }
}
