using System.Text.RegularExpressions;

namespace Concord.Observables.Text;

/// <summary>
/// Finds observables, CVE ids and ATT&amp;CK technique ids in free text (a report, an e-mail). The text is refanged
/// first (<see cref="TextRefang"/>), then scanned once, left to right, with one pattern per kind in priority order, so
/// a URL's host is not also reported as a domain nor an e-mail address's domain as one. Every candidate goes through
/// <see cref="Observable.Parse"/>; what does not parse is not reported. The result errs towards finding too much —
/// a version number looks like an IP address — because an analyst confirms each one before anything is stored.
/// </summary>
public static partial class TextExtractor
{
    /// <summary>The most findings one text yields; what follows is not reported.</summary>
    public const int MaxFindings = 10_000;

    private const int SnippetRadius = 40;

    /// <summary>Extracts from <paramref name="text"/>, distinct findings in the order first found.</summary>
    public static IReadOnlyList<TextFinding> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var refanged = TextRefang.Apply(text);
        var seen = new HashSet<(string, string)>();
        var found = new List<TextFinding>();
        for (var match = Candidate().Match(refanged); match.Success && found.Count < MaxFindings; match = match.NextMatch())
        {
            if (Read(match) is { } finding && seen.Add((finding.Kind, finding.Value)))
            {
                found.Add(finding with { Snippet = Snippet(refanged, match.Index, match.Length), Offset = match.Index });
            }
        }

        return found;
    }

    private static TextFinding? Read(Match match)
    {
        var text = match.Value;
        if (match.Groups["url"].Success)
        {
            return Parsed(ObservableKind.Url, TrimUrl(text));
        }

        if (match.Groups["cve"].Success)
        {
            return new(TextFindingKinds.Vulnerability, text.ToUpperInvariant(), null, "", 0);
        }

        if (match.Groups["attack"].Success)
        {
            return new(TextFindingKinds.AttackPattern, text, null, "", 0);
        }

        if (match.Groups["email"].Success)
        {
            return Parsed(ObservableKind.Email, text);
        }

        if (match.Groups["ipv4"].Success)
        {
            return Parsed(ObservableKind.Ipv4Address, text);
        }

        if (match.Groups["ipv6"].Success)
        {
            // Clock times and ssdeep-like text have colons too: only a full or compressed address is a candidate.
            return text.Contains("::", StringComparison.Ordinal) || text.Split('/')[0].Count(c => c == ':') == 7 ? Parsed(ObservableKind.Ipv6Address, text) : null;
        }

        if (match.Groups["hash"].Success)
        {
            return text.Length switch
            {
                32 => Parsed(ObservableKind.Md5, text),
                40 => Parsed(ObservableKind.Sha1, text),
                64 => Parsed(ObservableKind.Sha256, text),
                128 => Parsed(ObservableKind.Sha512, text),
                _ => null,
            };
        }

        return NotDomains.IsFileName(text) ? null : Parsed(ObservableKind.Domain, text);
    }

    private static TextFinding? Parsed(ObservableKind kind, string text) =>
        Observable.Parse(kind, text) is { IsSuccess: true } parsed
            ? new TextFinding(parsed.Value.Kind.Name(), parsed.Value.Value, parsed.Value, "", 0)
            : null;

    /// <summary>Sentence punctuation after a URL is not part of it; a closing bracket is, only when it closes one the URL opened.</summary>
    private static string TrimUrl(string url)
    {
        var end = url.Length;
        while (end > 0 && (".,;:!?'\"".Contains(url[end - 1], StringComparison.Ordinal)
            || (url[end - 1] == ')' && Unbalanced(url.AsSpan(0, end), '(', ')')) || (url[end - 1] == ']' && Unbalanced(url.AsSpan(0, end), '[', ']'))))
        {
            end--;
        }

        return url[..end];
    }

    private static bool Unbalanced(ReadOnlySpan<char> url, char open, char close) => url.Count(close) > url.Count(open);

    private static string Snippet(string text, int start, int length)
    {
        var from = Math.Max(0, start - SnippetRadius);
        var to = Math.Min(text.Length, start + length + SnippetRadius);
        var snippet = Whitespace().Replace(text[from..to], " ").Trim();
        return (from > 0 ? "…" : "") + snippet + (to < text.Length ? "…" : "");
    }

    // One alternation so the scan never reports overlapping findings; earlier alternatives win at a position.
    [GeneratedRegex("""
        (?<url>\b(?:https?|ftps?|sftp)://[^\s<>"'`]+)
        |(?<cve>\b(?i:cve)-\d{4}-\d{4,7}\b)
        |(?<attack>\bT\d{4}(?:\.\d{3})?\b)
        |(?<email>\b[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\b)
        |(?<ipv4>(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?!\.?\d))
        |(?<ipv6>(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:/\d{1,3})?(?![\w:]))
        |(?<hash>\b[0-9A-Fa-f]{32,128}\b)
        |(?<domain>\b(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\b(?![\-@]))
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Candidate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
