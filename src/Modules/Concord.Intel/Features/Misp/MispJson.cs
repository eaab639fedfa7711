using System.Globalization;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Lenient reads of MISP JSON, which writes the same field as a string, a number or a boolean depending on the MISP
/// version and the exporter (<c>"to_ids": true</c>, <c>"to_ids": "1"</c>; <c>"timestamp": "1465681304"</c> or a number).
/// </summary>
internal static class MispJson
{
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? AsText(value) : null;

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => null,
    };

    /// <summary>True, false, or null when absent or not a boolean in any of MISP's spellings.</summary>
    public static bool? Flag(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt64(out var n) ? n != 0 : null,
            JsonValueKind.String => value.GetString()?.Trim().ToLowerInvariant() switch
            {
                "1" or "true" => true,
                "0" or "false" or "" => false,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Whether the field is present and truthy in Python's sense (what misp-stix tests).</summary>
    public static bool Truthy(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => value.GetString()!.Length > 0 && value.GetString() != "0",
            JsonValueKind.Number => value.GetRawText() is not ("0" or "0.0"),
            JsonValueKind.Array => value.GetArrayLength() > 0,
            JsonValueKind.Object => value.EnumerateObject().Any(),
            _ => false,
        };

    public static long? Number(this JsonElement element, string name) =>
        element.Text(name) is { } text && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>The tag names on an event, object or attribute.</summary>
    public static IEnumerable<string> TagNames(this JsonElement element) =>
        element.Items("Tag").Select(t => t.Text("name")).OfType<string>();
}
