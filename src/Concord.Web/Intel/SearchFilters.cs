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

    /// <summary>List relationships too: without a type, the list leaves them out (they would flood it as bare "uses" rows).</summary>
    public bool ShowRelationships { get; init; }

    /// <summary>The order asked for; null: relevance with text, else newest additions first.</summary>
    public ObjectSort? Sort { get; init; }

    /// <summary>The direction asked for; null: the order's natural one (<see cref="NaturallyDescending"/>).</summary>
    public bool? Descending { get; init; }

    /// <summary>The numbered page, from 1.</summary>
    public int Page { get; init; } = 1;

    public const int PageSize = 50;

    /// <summary>The deepest page: past <see cref="ObjectQuery.MaxOffset"/> rows the list asks to narrow the filters.</summary>
    public const int MaxPage = (ObjectQuery.MaxOffset / PageSize) + 1;

    /// <summary>The orders offered, by their URL name.</summary>
    public static readonly IReadOnlyList<(string Name, ObjectSort Sort, string Label)> Sorts =
    [
        ("relevance", ObjectSort.Relevance, "Relevance"), ("added", ObjectSort.Added, "Date added"), ("modified", ObjectSort.Modified, "Last modified"),
        ("name", ObjectSort.Name, "Name"), ("score", ObjectSort.Score, "Score"), ("tlp", ObjectSort.Tlp, "TLP"),
    ];

    public bool IsEmpty => Text is null && Type is null && Tlp is null && Owner is null && From is null && To is null && !HideWarninglisted;

    /// <summary>The order in effect: relevance is only an order with text.</summary>
    public ObjectSort EffectiveSort => Sort is { } s && (s != ObjectSort.Relevance || Text is not null) ? s : Text is not null ? ObjectSort.Relevance : ObjectSort.Added;

    public bool EffectiveDescending => Descending ?? NaturallyDescending(EffectiveSort);

    /// <summary>Newest, highest score and strictest TLP first; names A to Z.</summary>
    public static bool NaturallyDescending(ObjectSort sort) => sort != ObjectSort.Name;

    /// <summary>These filters with the order, direction and page of the query string (each checked).</summary>
    public SearchFilters WithOrder(string? sort, string? dir, string? page)
    {
        var errors = new List<string>(Errors);
        ObjectSort? order = null;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            var known = Sorts.FirstOrDefault(s => string.Equals(s.Name, sort.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known.Name is null)
            {
                errors.Add($"Sort: '{sort}' is not one of {string.Join(", ", Sorts.Select(s => s.Name))}.");
            }
            else
            {
                order = known.Sort;
            }
        }

        bool? descending = dir?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "desc" => true,
            "asc" => false,
            _ => null,
        };
        if (descending is null && !string.IsNullOrWhiteSpace(dir))
        {
            errors.Add($"Order: '{dir}' is neither asc nor desc.");
        }

        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors.Add($"Page: '{page}' is not a page number.");
            number = 1;
        }
        else if (number > MaxPage)
        {
            errors.Add($"Only the first {MaxPage} pages ({ObjectQuery.MaxOffset:N0} objects) are listed: narrow the filters to see the rest, or download all results.");
            number = 1;
        }

        return this with { Sort = order, Descending = descending, Page = number, Errors = errors };
    }

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
        ExcludeTypes = Type is null && !ShowRelationships ? ["relationship"] : [],
    };

    /// <summary>The query of the numbered page <see cref="Page"/> in the order asked for.</summary>
    public ObjectQuery ToPageQuery() => ToQuery(null, PageSize) with
    {
        Offset = (Page - 1) * PageSize,
        Sort = EffectiveSort,
        Descending = EffectiveDescending,
        Relevance = EffectiveSort == ObjectSort.Relevance,
    };

    /// <summary>The list ordered by <paramref name="sort"/>: the other direction when it is already the order, else its natural one; page 1.</summary>
    public string SortUrl(ObjectSort sort) => (this with
    {
        Sort = sort,
        Descending = sort == EffectiveSort && sort != ObjectSort.Relevance ? !EffectiveDescending : null,
        Page = 1,
    }).Url();

    /// <summary>The search page's address with these filters, their order and <paramref name="page"/> (default: this page).</summary>
    public string Url(int? page = null)
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
        Add("relationships", ShowRelationships ? "true" : null);
        Add("sort", Sort is { } sort ? Sorts.First(s => s.Sort == sort).Name : null);
        Add("dir", Descending is { } d ? (d ? "desc" : "asc") : null);
        Add("page", (page ?? Page) is var p and > 1 ? p.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? IntelUrls.Search : IntelUrls.Search + "?" + string.Join('&', parts);
    }

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
