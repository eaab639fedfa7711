using System.Text;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Where in a MISP document a JSON error sits, in MISP's own words: the event (uuid, info), the object and the
/// attribute (uuid, type, value) being read, and the JSON path. Reads the bytes before the error token by token,
/// remembering those few fields of each open object, so even a file that cannot be parsed gets an error a MISP user
/// can act on.
/// </summary>
internal static class MispSyntaxContext
{
    private static readonly HashSet<string> Remembered = new(StringComparer.Ordinal) { "uuid", "info", "type", "value", "name", "object_relation" };

    public static (string Path, string Description) Describe(ReadOnlySpan<byte> before, string basePath)
    {
        var stack = new List<Frame>();
        var reader = new Utf8JsonReader(before, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 128 }));
        try
        {
            while (reader.Read())
            {
                Step(ref reader, stack);
            }
        }
        catch (JsonException)
        {
            // The bytes given end at the error; what was read up to it is the context.
        }

        return (PathOf(stack, basePath), DescriptionOf(stack));
    }

    private static void Step(ref Utf8JsonReader reader, List<Frame> stack)
    {
        var top = stack.Count > 0 ? stack[^1] : null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var segment = top is null ? string.Empty : top.IsArray ? $"[{top.NextIndex++}]" : "." + top.PendingKey;
                var under = top is null ? null : top.IsArray ? top.Under : top.PendingKey;
                stack.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, segment, under));
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                stack.RemoveAt(stack.Count - 1);
                break;
            case JsonTokenType.PropertyName:
                top!.PendingKey = reader.GetString();
                break;
            default:
                if (top is { IsArray: true })
                {
                    top.NextIndex++;
                }
                else if (top?.PendingKey is { } key && Remembered.Contains(key))
                {
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                    top.Fields[key] = value is { Length: > 100 } ? value[..100] + "…" : value ?? string.Empty;
                }

                break;
        }
    }

    private static string PathOf(List<Frame> stack, string basePath)
    {
        var path = new StringBuilder(basePath);
        foreach (var frame in stack)
        {
            path.Append(frame.Segment);
        }

        if (stack.Count > 0)
        {
            var top = stack[^1];
            path.Append(top.IsArray ? $"[{top.NextIndex}]" : top.PendingKey is { } key ? "." + key : string.Empty);
        }

        return path.ToString();
    }

    private static string DescriptionOf(List<Frame> stack)
    {
        var objects = stack.Where(f => !f.IsArray).ToList();
        var @event = objects.FirstOrDefault(f => f.Under == "Event") ?? objects.FirstOrDefault();
        var misp = objects.LastOrDefault(f => f.Under == "Object");
        var attribute = objects.LastOrDefault(f => f.Under is "Attribute" or "ShadowAttribute");
        return MispText.Describe(
            @event?.Get("uuid"), @event?.Get("info"),
            misp is null ? null : (misp.Get("name"), misp.Get("uuid")),
            attribute is null ? null : (attribute.Get("uuid"), attribute.Get("type"), attribute.Get("value")));
    }

    /// <summary>One open JSON object or array, with the path segment that leads to it and the fields remembered so far.</summary>
    internal sealed class Frame(bool isArray, string segment, string? under)
    {
        public bool IsArray { get; } = isArray;

        public string Segment { get; } = segment;

        /// <summary>The key the container (or, for array items, their array) sits under: Event, Object, Attribute…</summary>
        public string? Under { get; } = under;

        public string? PendingKey { get; set; }

        public int NextIndex { get; set; }

        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

        public string? Get(string key) => Fields.TryGetValue(key, out var value) ? value : null;
    }
}
