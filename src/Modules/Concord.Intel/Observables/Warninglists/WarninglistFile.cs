using System.Text.Json;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>One <c>list.json</c> as read: the metadata and the raw entries.</summary>
internal sealed record WarninglistFile(string Id, string Path, string Name, int Version, string Description,
    WarninglistType Type, IReadOnlyList<string> MatchingAttributes, IReadOnlyList<string> Entries)
{
    /// <summary>
    /// Reads a MISP <c>list.json</c> (its schema.json: name, version, description, list and type required;
    /// matching_attributes optional). <c>list</c> may also be an object of entry → comment, which MISP accepts.
    /// </summary>
    public static WarninglistFile? TryRead(string id, string path, out string? error)
    {
        error = null;
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the file is not a JSON object";
                return null;
            }

            var name = String(root, "name");
            var description = String(root, "description") ?? "";
            var typeText = String(root, "type") ?? "string"; // MISP's own default when type is absent
            WarninglistType? type = typeText.ToLowerInvariant() switch
            {
                "cidr" => WarninglistType.Cidr,
                "hostname" => WarninglistType.Hostname,
                "string" => WarninglistType.String,
                "substring" => WarninglistType.Substring,
                "regex" => WarninglistType.Regex,
                _ => null,
            };
            if (name is null || type is null)
            {
                error = name is null ? "'name' is missing" : $"'type' is '{typeText}', not cidr, hostname, string, substring or regex";
                return null;
            }

            var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : 1;
            if (!root.TryGetProperty("list", out var list) || list.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                error = "'list' is missing or not an array";
                return null;
            }

            var entries = list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : list.EnumerateObject().Select(p => p.Name).ToList();
            var attributes = root.TryGetProperty("matching_attributes", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            return new WarninglistFile(id, path, name, version, description, type.Value, attributes, entries);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            error = $"the file cannot be read: {e.Message}";
            return null;
        }
    }

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
