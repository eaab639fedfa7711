using System.Globalization;
using System.Text.Json;
using Concord.Platform;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// The restSearch filters Concord reads, as PyMISP sends them (<c>type_attribute</c> as <c>type</c>, <c>last</c> as
/// <c>publish_timestamp</c>; flags as <c>true</c>/<c>1</c>/<c>"1"</c>). Other MISP filters and the output flags PyMISP
/// always sends as 0 are ignored, as MISP ignores what it does not know. A filter Concord reads but cannot understand is
/// refused with its name, never silently widened.
/// </summary>
internal sealed record MispSearchFilter
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> NotTags { get; init; } = [];
    public IReadOnlyList<string> Events { get; init; } = [];
    public IReadOnlyList<string> Uuids { get; init; } = [];
    public bool? ToIds { get; init; }
    public bool? Published { get; init; }
    public long? PublishedSince { get; init; }
    public long? ChangedSince { get; init; }
    public int? Limit { get; init; }
    public int Page { get; init; } = 1;

    public static Result<MispSearchFilter> Read(JsonElement body, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("body", "misp-search-body", "The search filters must be a JSON object.");
        }

        if (body.TryGetProperty("returnFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() != "json")
        {
            return Error.Validation("returnFormat", "misp-return-format", $"Concord answers restSearch in returnFormat 'json' only, not '{format.GetString()}'.");
        }

        try
        {
            var tags = Strings(body, "tags");
            return new MispSearchFilter
            {
                Values = Strings(body, "value"),
                Types = Strings(body, "type"),
                Categories = Strings(body, "category"),
                Tags = tags.Where(t => !t.StartsWith('!')).Concat(Strings(body, "tags", "OR")).ToList(),
                NotTags = tags.Where(t => t.StartsWith('!')).Select(t => t[1..]).Concat(Strings(body, "tags", "NOT")).ToList(),
                Events = Strings(body, "eventid"),
                Uuids = Strings(body, "uuid"),
                ToIds = Flag(body, "to_ids"),
                Published = Flag(body, "published"),
                PublishedSince = Since(body, "publish_timestamp", now) ?? Since(body, "last", now),
                ChangedSince = Since(body, "timestamp", now),
                Limit = Number(body, "limit"),
                Page = Number(body, "page") ?? 1,
            };
        }
        catch (FormatException e)
        {
            return Error.Validation(e.Message, "misp-filter", $"The filter '{e.Message}' has a value Concord cannot read.");
        }
    }

    /// <summary>A string, a number or a list of them; with <paramref name="group"/>, the list under <c>{"OR": […]}</c> or <c>{"NOT": […]}</c>.</summary>
    private static List<string> Strings(JsonElement body, string name, string? group = null)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return group is not null && value.TryGetProperty(group, out var inner) ? List(inner, name) : [];
        }

        return group is null ? List(value, name) : [];
    }

    private static List<string> List(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(v => List(v, name)).ToList(),
        _ => throw new FormatException(name),
    };

    private static bool? Flag(JsonElement body, string name) => !body.TryGetProperty(name, out var value) ? null : value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number or JsonValueKind.String when value.ToString() is "1" or "true" => true,
        JsonValueKind.Number or JsonValueKind.String when value.ToString() is "0" or "false" => false,
        JsonValueKind.String when value.GetString() is "" => null,
        _ => throw new FormatException(name),
    };

    private static int? Number(JsonElement body, string name) => !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
        : throw new FormatException(name);

    /// <summary>An epoch time, or a duration back from now as MISP writes it (<c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, <c>2w</c>).</summary>
    private static long? Since(JsonElement body, string name, DateTimeOffset now)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null || value.ToString() is "" or "0")
        {
            return null;
        }

        var text = value.ToString();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return epoch;
        }

        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 };
        return unit > 0 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count < 100_000
            ? now.ToUnixTimeSeconds() - (count * unit)
            : throw new FormatException(name);
    }
}
