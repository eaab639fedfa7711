using System.Text.Json;

namespace Concord.Intel.Features.Explore;

/// <summary>
/// What to call an object where a page would otherwise show its id: its name, else what identifies it best for its
/// type. A relationship or sighting is named after its ends through <c>nameOf</c>, which answers only for objects the
/// reader may see (a hidden end stays its raw id, like an unknown one).
/// </summary>
internal static class ObjectNames
{
    public const int MaxLength = 120;

    public static string Title(JsonElement root, string id, Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        // A marking's statement is its whole point (a copyright notice, terms of use): it is not shortened.
        return ObjectRefs.String(root, "type") switch
        {
            "marking-definition" => Name(root) ?? Marking(root) ?? id,
            "relationship" => Short(Relationship(root, nameOf) ?? id),
            "sighting" => Short(ObjectRefs.String(root, "sighting_of_ref") is { } target ? "Sighting of " + (nameOf(target) ?? target) : id),
            _ => Short(Own(root) ?? id),
        };
    }

    /// <summary>The title from the object's own properties, without looking anything up (null when it has none).</summary>
    public static string? Own(JsonElement root)
    {
        if (Name(root) is { } name)
        {
            return name;
        }

        foreach (var property in (string[])["value", "abstract", "pattern", "content", "opinion", "key", "number"])
        {
            if (root.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && (value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()) is { Length: > 0 } text)
            {
                return property == "number" ? "AS" + text : text;
            }
        }

        return root.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? hashes.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String).Select(h => $"{h.Name}: {h.Value.GetString()}").FirstOrDefault()
            : null;
    }

    private static string? Name(JsonElement root) => ObjectRefs.String(root, "name") is { Length: > 0 } name ? name : null;

    private static string? Relationship(JsonElement root, Func<string, string?> nameOf)
    {
        var (source, target) = (ObjectRefs.String(root, "source_ref"), ObjectRefs.String(root, "target_ref"));
        return source is null || target is null
            ? null
            : $"{nameOf(source) ?? source} {ObjectRefs.String(root, "relationship_type") ?? "related-to"} {nameOf(target) ?? target}";
    }

    /// <summary>A statement marking's text (MITRE's copyright), or a TLP 1.0 marking's colour.</summary>
    private static string? Marking(JsonElement root)
    {
        if (!root.TryGetProperty("definition", out var definition) || definition.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return ObjectRefs.String(definition, "statement") is { Length: > 0 } statement ? statement
            : ObjectRefs.String(definition, "tlp") is { Length: > 0 } tlp ? "TLP:" + tlp.ToUpperInvariant()
            : null;
    }

    private static string Short(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
