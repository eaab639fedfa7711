using System.Text.RegularExpressions;

namespace Concord.Observables.Text;

/// <summary>
/// Refangs running text — a report or an e-mail — rather than one value (<see cref="Refang.Apply"/>): the bracketed
/// dots, at-signs and colons anywhere (<c>evil[.]example</c>, <c>evil (dot) example</c>, <c>bob[@]example</c>,
/// <c>http[:]//</c>) and the mangled schemes (<c>hxxp</c>, <c>hXXps</c>, <c>fxp</c>) wherever a URL starts. The
/// spelled-out forms (<c>dot</c>, <c>at</c>) must be bracketed, so ordinary prose ("meet at noon") is left alone.
/// </summary>
public static partial class TextRefang
{
    /// <summary>The text with its defanging removed.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = DotWord().Replace(text, ".");
        value = DotSign().Replace(value, ".");
        value = AtWord().Replace(value, "@");
        value = AtSign().Replace(value, "@");
        value = SchemeSeparator().Replace(value, "://");
        value = Colon().Replace(value, ":");
        value = Slash().Replace(value, "/");
        value = HttpScheme().Replace(value, m => "http" + m.Groups[1].Value);
        return FtpScheme().Replace(value, "ftp");
    }

    [GeneratedRegex(@"[ \t]*[\[\(\{]\s*dot\s*[\]\)\}][ \t]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DotWord();

    [GeneratedRegex(@"[\[\(\{]\.[\]\)\}]")]
    private static partial Regex DotSign();

    [GeneratedRegex(@"[ \t]*[\[\(\{]\s*at\s*[\]\)\}][ \t]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtWord();

    [GeneratedRegex(@"[\[\(\{]@[\]\)\}]")]
    private static partial Regex AtSign();

    [GeneratedRegex(@"\[:\]//|\[://\]|\[:/\]/")]
    private static partial Regex SchemeSeparator();

    [GeneratedRegex(@"[\[\(]:[\]\)]")]
    private static partial Regex Colon();

    [GeneratedRegex(@"\[/\]")]
    private static partial Regex Slash();

    [GeneratedRegex(@"\b(?:h[xX]{2}p|h[xX]tp|ht[xX]p|h\*\*p)(s?)(?=:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HttpScheme();

    [GeneratedRegex(@"\bf[xX]p(?=s?:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FtpScheme();
}
