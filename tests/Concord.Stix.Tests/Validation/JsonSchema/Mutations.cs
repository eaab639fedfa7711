using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>Systematic single-point mutations of a valid object: each property deleted, retyped, and given bad values.</summary>
internal static class Mutations
{
    public static IEnumerable<(string Description, JsonObject Mutated)> Of(JsonObject original)
    {
        yield return ("unchanged", Clone(original));
        yield return ("id malformed", With(original, o => o["id"] = "not-an-id"));
        yield return ("id of another type", With(original, o => o["id"] = "tool--" + ((string?)original["id"])?.Split("--").Last()));
        foreach (var (path, value) in Leaves(original))
        {
            var name = path[^1];
            yield return ($"{Show(path)} deleted", With(original, o => Remove(o, path)));
            yield return ($"{Show(path)} retyped", With(original, o => Set(o, path, Retype(value))));
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var text = v.GetValue<string>();
                yield return ($"{Show(path)} enum changed", With(original, o => Set(o, path, "zzz-not-in-any-vocabulary")));
                if (StixTimestamp.TryParse(text, out _))
                {
                    yield return ($"{Show(path)} bad timestamp", With(original, o => Set(o, path, text.Replace("T", " ", StringComparison.Ordinal))));
                    yield return ($"{Show(path)} bad month", With(original, o => Set(o, path, text[..5] + "13" + text[7..])));
                }
            }

            if (value is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
            {
                yield return ($"{Show(path)} negative", With(original, o => Set(o, path, -1)));
                yield return ($"{Show(path)} huge", With(original, o => Set(o, path, 1_000_000_000)));
                yield return ($"{Show(path)} fraction", With(original, o => Set(o, path, 0.5)));
            }

            if (value is JsonArray { Count: > 0 })
            {
                yield return ($"{Show(path)} emptied", With(original, o => Set(o, path, new JsonArray())));
            }
        }
    }

    // Top-level properties, and the properties of the first element of lists of objects and of nested objects.
    private static IEnumerable<(object[] Path, JsonNode? Value)> Leaves(JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            yield return ([key], value);
            if (value is JsonArray { Count: > 0 } list && list[0] is JsonObject first)
            {
                foreach (var (inner, innerValue) in first)
                {
                    yield return ([key, 0, inner], innerValue);
                }
            }
            else if (value is JsonObject nested)
            {
                foreach (var (inner, innerValue) in nested)
                {
                    yield return ([key, inner], innerValue);
                }
            }
        }
    }

    private static JsonNode? Retype(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(12345),
        JsonValueKind.Number => JsonValue.Create("12345"),
        JsonValueKind.True or JsonValueKind.False => JsonValue.Create("true"),
        JsonValueKind.Array => JsonValue.Create("list"),
        JsonValueKind.Object => new JsonArray("object"),
        _ => JsonValue.Create(0),
    };

    private static JsonObject With(JsonObject original, Action<JsonObject> change)
    {
        var copy = Clone(original);
        change(copy);
        return copy;
    }

    private static JsonObject Clone(JsonObject original) => original.DeepClone().AsObject();

    private static JsonNode Parent(JsonObject root, object[] path)
    {
        JsonNode node = root;
        foreach (var step in path[..^1])
        {
            node = step is int index ? node[index]! : node[(string)step]!;
        }

        return node;
    }

    private static void Remove(JsonObject root, object[] path) => Parent(root, path).AsObject().Remove((string)path[^1]);

    private static void Set(JsonObject root, object[] path, JsonNode? value) => Parent(root, path)[(string)path[^1]] = value;

    private static string Show(object[] path) => string.Join(".", path.Select(p => p is int i ? $"[{i}]" : (string)p));
}
