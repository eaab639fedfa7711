using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Intel.Features.Explore;

/// <summary>
/// Top-level property differences between two versions. Values compare as JSON (so <c>1.0</c> and <c>1.00</c>,
/// or a re-escaped string, are equal); nested objects and lists are one property each, shown whole.
/// </summary>
internal static class VersionDiffer
{
    public static IReadOnlyList<PropertyChange> Compare(ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after)
    {
        var a = Parse(before);
        var b = Parse(after);
        var changes = new List<PropertyChange>();
        foreach (var (name, value) in a)
        {
            if (!b.TryGetPropertyValue(name, out var other))
            {
                changes.Add(new PropertyChange(name, PropertyChangeKind.Removed, Text(value), null));
            }
            else if (!JsonNode.DeepEquals(value, other))
            {
                changes.Add(new PropertyChange(name, PropertyChangeKind.Changed, Text(value), Text(other)));
            }
        }

        foreach (var (name, value) in b)
        {
            if (!a.ContainsKey(name))
            {
                changes.Add(new PropertyChange(name, PropertyChangeKind.Added, null, Text(value)));
            }
        }

        return changes;
    }

    private static JsonObject Parse(ReadOnlyMemory<byte> json) =>
        JsonNode.Parse(json.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 1000 }) as JsonObject ?? [];

    private static string Text(JsonNode? node) => node?.ToJsonString(TextOptions) ?? "null";

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
