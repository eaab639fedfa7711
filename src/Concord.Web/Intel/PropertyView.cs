using System.Globalization;
using System.Text.Json;

namespace Concord.Web.Intel;

/// <summary>How one property of a STIX object is shown.</summary>
public enum PropertyShape
{
    Text,
    LongText,
    Code,
    Time,
    Reference,
    References,
    List,
    Json,
}

/// <summary>One property, ready to render: a readable label, its shape and its value(s) as text.</summary>
public sealed record PropertyRow(string Name, string Label, PropertyShape Shape, string Value, IReadOnlyList<string> Items);

/// <summary>
/// Turns an object's JSON into rows a person reads: identity and bookkeeping properties (shown in the page header)
/// are left out, timestamps are formatted, references become links, and anything nested is shown as JSON.
/// </summary>
public static class PropertyView
{
    private static readonly HashSet<string> InHeader = new(StringComparer.Ordinal)
    {
        "type", "id", "spec_version", "name", "object_marking_refs", "revoked", "external_references",
    };

    private static readonly HashSet<string> LongTexts = new(StringComparer.Ordinal) { "description", "content", "abstract", "explanation" };

    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal) { "pattern", "value", "hashes" };

    public static IReadOnlyList<PropertyRow> Rows(JsonElement root)
    {
        var rows = new List<PropertyRow>();
        foreach (var property in root.EnumerateObject())
        {
            if (!InHeader.Contains(property.Name))
            {
                rows.Add(Row(property.Name, property.Value));
            }
        }

        return rows;
    }

    public static string Label(string name)
    {
        var words = name.Replace('_', ' ').Trim();
        if (words.EndsWith(" refs", StringComparison.Ordinal))
        {
            words = words[..^5];
        }
        else if (words.EndsWith(" ref", StringComparison.Ordinal))
        {
            words = words[..^4];
        }

        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>A STIX timestamp as people read it (UTC, to the second), or the text as given when it is not one.</summary>
    public static string Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : text ?? string.Empty;

    private static PropertyRow Row(string name, JsonElement value)
    {
        var label = Label(name);
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            var shape = name.EndsWith("_ref", StringComparison.Ordinal) ? PropertyShape.Reference
                : Codes.Contains(name) ? PropertyShape.Code
                : LongTexts.Contains(name) ? PropertyShape.LongText
                : IsTimestamp(name) ? PropertyShape.Time
                : PropertyShape.Text;
            return new PropertyRow(name, label, shape, shape == PropertyShape.Time ? Time(text) : text, []);
        }

        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            var items = value.EnumerateArray().Select(v => v.GetString()!).ToList();
            var shape = name.EndsWith("_refs", StringComparison.Ordinal) ? PropertyShape.References : PropertyShape.List;
            return new PropertyRow(name, label, shape, string.Empty, items);
        }

        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return new PropertyRow(name, label, PropertyShape.Text, value.GetRawText(), []);
        }

        var json = JsonSerializer.Serialize(value, Indented);
        return new PropertyRow(name, label, PropertyShape.Json, json, []);
    }

    private static bool IsTimestamp(string name) =>
        name is "created" or "modified" or "published" or "valid_from" or "valid_until" or "first_seen" or "last_seen"
            or "first_observed" or "last_observed" or "start_time" or "stop_time";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
