namespace Concord.Stix.Patterning;

/// <summary>
/// Shapes of the SCO values the SCO validator leaves as plain strings: domain names (RFC 1034 with RFC 5890's
/// internationalised labels), URLs (RFC 3986) and e-mail addresses (RFC 5322 addr-spec). Each returns null when the
/// value fits, otherwise the reason it cannot be one. They refuse only what no such value can be — spaces, empty
/// labels, a scheme in a domain name, a display name around an address — because real feeds carry underscores,
/// wildcards and internationalised names that stricter readings would refuse.
/// </summary>
internal static class ObservableFormats
{
    public static string? DomainProblem(string value)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        // A fully qualified name may end in the root's dot.
        var name = value.EndsWith('.') ? value[..^1] : value;
        if (name.Length > 253)
        {
            return "it is longer than 253 characters";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return "it has an empty label (a leading dot or two dots in a row)";
            }

            if (label.Length > 63)
            {
                return "it has a label longer than 63 characters";
            }

            foreach (var c in label)
            {
                if (!IsDomainCharacter(c))
                {
                    return $"it contains {Describe(c)}";
                }
            }
        }

        return null;
    }

    public static string? UrlProblem(string value)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"it contains {Describe(c)}, which a URL carries percent-encoded";
            }
        }

        return null;
    }

    /// <summary>RFC 3986 allows a relative reference, but a URL seen on the wire has a scheme.</summary>
    public static string? UrlDoubt(string value) => HasScheme(value) ? null : "it has no scheme such as http://";

    public static string? EmailProblem(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return "it is not local-part@domain";
        }

        if (value.Contains('<', StringComparison.Ordinal) || value.Contains('>', StringComparison.Ordinal))
        {
            return "it has a display name or angle brackets; the address alone belongs here (display_name holds the name)";
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"it contains {Describe(c)}";
            }
        }

        var domain = value[(at + 1)..];
        return domain.StartsWith('[') && domain.EndsWith(']') ? null : DomainProblem(domain) is { } problem ? $"its domain: {problem}" : null;
    }

    private static bool HasScheme(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(value[i]) || value[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Letters, digits, hyphens; underscores and a wildcard label, which DNS carries in practice; any non-ASCII letter of an internationalised label.</summary>
    private static bool IsDomainCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*' || (c > 0x7F && !char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsPunctuation(c) && !char.IsSymbol(c));

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' or '\r' => "a line break",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"the character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
