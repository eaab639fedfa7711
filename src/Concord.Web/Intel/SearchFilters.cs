using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Web.Intel;

/// <summary>The intel search's filters as the query string carries them, checked, and turned into an <see cref="ObjectQuery"/>.</summary>
public sealed record SearchFilters(string? Text, string? Type, Tlp? Tlp, Guid? Owner, DateOnly? From, DateOnly? To, IReadOnlyList<string> Errors)
{
    /// <summary>Leave out objects whose observables are all on the node's warninglists (known false positives).</summary>
    public bool HideWarninglisted { get; init; }

    /// <summary>The types offered in the filter, most used first.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "indicator", "malware", "threat-actor", "intrusion-set", "campaign", "attack-pattern", "tool", "vulnerability",
        "report", "note", "sighting", "relationship", "identity", "infrastructure", "course-of-action", "observed-data",
        "ipv4-addr", "ipv6-addr", "domain-name", "url", "file", "email-addr",
    ];

    public bool IsEmpty => Text is null && Type is null && Tlp is null && Owner is null && From is null && To is null && !HideWarninglisted;

    public static SearchFilters Parse(string? text, string? type, string? tlp, string? org, string? from, string? to)
    {
        var errors = new List<string>();
        Tlp? level = null;
        if (!string.IsNullOrWhiteSpace(tlp))
        {
            if (Distribution.TryParseTlp(tlp, out var parsed))
            {
                level = parsed;
            }
            else
            {
                errors.Add($"TLP: '{tlp}' is not a TLP 2.0 label.");
            }
        }

        Guid? owner = null;
        if (!string.IsNullOrWhiteSpace(org))
        {
            if (Guid.TryParse(org, out var id))
            {
                owner = id;
            }
            else
            {
                errors.Add("Organisation: choose one from the list.");
            }
        }

        var start = Date(from, "Modified from", errors);
        var end = Date(to, "Modified until", errors);
        if (start > end)
        {
            errors.Add("Modified from must not be after modified until.");
        }

        return new SearchFilters(Blank(text), Blank(type), level, owner, start, end, errors);
    }

    public ObjectQuery ToQuery(long? after, int limit) => new()
    {
        Text = Text,
        Type = Type,
        Tlp = Tlp,
        Owner = Owner,
        ModifiedFrom = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        ModifiedTo = To is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null,
        After = after,
        NewestFirst = true,
        Limit = limit,
        ExcludeWarninglisted = HideWarninglisted,
    };

    /// <summary>The search page's address with these filters and <paramref name="after"/> (an opaque cursor) as the position.</summary>
    public string Url(string? after)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("q", Text);
        Add("type", Type);
        Add("tlp", Tlp is { } l ? Distribution.Label(l).ToLowerInvariant() : null);
        Add("org", Owner?.ToString());
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("hide_warninglisted", HideWarninglisted ? "true" : null);
        Add("after", after);
        return parts.Count == 0 ? IntelUrls.Search : IntelUrls.Search + "?" + string.Join('&', parts);
    }

    /// <summary>
    /// The position in a page cursor of this search, when this node issued it to <paramref name="reader"/> for these
    /// filters (<see cref="IPageCursors"/>: the node sequence would count what the reader may not see).
    /// </summary>
    public bool TryReadCursor(IPageCursors cursors, string? after, Principal reader, out long? position)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        position = null;
        if (string.IsNullOrEmpty(after))
        {
            return true;
        }

        if (!cursors.TryRead(after, reader, CursorBinding, out var read))
        {
            return false;
        }

        position = read;
        return true;
    }

    /// <summary>The cursor of the page after <paramref name="position"/> in this search, for <paramref name="reader"/>.</summary>
    public string Cursor(IPageCursors cursors, long position, Principal reader)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        return cursors.Issue(position, reader, CursorBinding);
    }

    private string CursorBinding => "ui/intel\n" + Url(null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Date(string? text, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{label}: '{text}' is not a date (YYYY-MM-DD).");
        return null;
    }
}

/// <summary>A search result with the text that names it best.</summary>
public sealed record SearchRow(StoredStixObject Object, string Title)
{
    public static SearchRow Of(StoredStixObject o) => new(o, ObjectTitle.Of(o));
}
