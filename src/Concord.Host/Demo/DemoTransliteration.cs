using System.Text;

namespace Concord.Host.Demo;

/// <summary>
/// Latin letters with diacritics written as plain ASCII for logins (Lucía → lucia, Huamán → huaman, Bjørn → bjorn).
/// An explicit table, not Unicode decomposition: the node runs with invariant globalization, where
/// <see cref="string.Normalize()"/> decomposes nothing and the accented letters were simply dropped (luca.quispe).
/// </summary>
internal static class DemoTransliteration
{
    private static readonly (string Letters, string Ascii)[] Table =
    [
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşšș", "s"),
        ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("æ", "ae"), ("œ", "oe"), ("ß", "ss"), ("þ", "th"),
    ];

    private static readonly Dictionary<char, string> Map = Table
        .SelectMany(row => row.Letters.Select(letter => (letter, row.Ascii)))
        .ToDictionary(x => x.letter, x => x.Ascii);

    /// <summary>Lower-case ASCII letters; other letters from the table, spaces and hyphens kept, anything else dropped.</summary>
    public static string ToAsciiLower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or ' ' or '-')
            {
                result.Append(c);
            }
            else if (Map.TryGetValue(c, out var ascii))
            {
                result.Append(ascii);
            }
        }

        return result.ToString();
    }
}
