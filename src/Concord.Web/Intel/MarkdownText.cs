using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Concord.Web.Intel;

/// <summary>
/// STIX descriptions are Markdown (ATT&amp;CK writes them so) from any member or feed, so they are rendered defensively:
/// raw HTML is shown as text (Markdig's <c>DisableHtml</c>), only http, https and mailto links stay links — each with
/// <c>rel="noopener noreferrer nofollow"</c> — and images become links (a page never loads another site's resource).
/// ATT&amp;CK's <c>(Citation: Source)</c> becomes a link to the object's external reference of that source name.
/// </summary>
public static partial class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static string ToHtml(string? markdown, IReadOnlyList<ExternalReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var document = Markdown.Parse(Citations(markdown ?? string.Empty, references), Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                link.ReplaceBy(new LiteralInline(TextOf(link)), copyChildren: false);
                continue;
            }

            link.IsImage = false;
            link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
                continue;
            }

            autolink.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>Absolute http, https and mailto addresses only: no <c>javascript:</c>, <c>data:</c>, nor paths on this node.</summary>
    public static bool IsSafe(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);

    /// <summary>Each <c>(Citation: Name)</c> whose source has an address becomes <c>([Name](address))</c>; others stay as written.</summary>
    private static string Citations(string markdown, IReadOnlyList<ExternalReference> references) =>
        CitationPattern().Replace(markdown, match =>
        {
            var source = match.Groups[1].Value.Trim();
            var reference = references.FirstOrDefault(r => r.Url is not null && string.Equals(r.SourceName, source, StringComparison.Ordinal));
            return reference?.Url is { } url && IsSafe(url) && url.AsSpan().IndexOfAny("<>\r\n") < 0
                ? $"([{Escape(source)}](<{url}>))"
                : match.Value;
        });

    /// <summary>Backslash-escapes Markdown's punctuation, so a source name reads as plain text inside the link.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ' || c > 127 || char.IsControl(c))
            {
                escaped.Append(char.IsControl(c) ? ' ' : c);
            }
            else
            {
                escaped.Append('\\').Append(c);
            }
        }

        return escaped.ToString();
    }

    private static string TextOf(LinkInline link) =>
        string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    [GeneratedRegex(@"\(Citation: ([^)\r\n]+)\)")]
    private static partial Regex CitationPattern();
}
