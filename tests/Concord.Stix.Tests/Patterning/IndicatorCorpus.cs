using System.Text.Json;

namespace Concord.Stix.Tests.Patterning;

/// <summary>
/// Streams the indicators out of STIX bundles: the reader walks the top-level <c>objects</c> array and
/// materialises one object at a time, so the 49 MB ATT&amp;CK bundle never becomes one document tree.
/// </summary>
internal static class IndicatorCorpus
{
    public sealed record IndicatorPattern(string File, string Id, string Pattern, string? PatternType);

    public static IEnumerable<string> BundleFiles(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static List<IndicatorPattern> Read(string file)
    {
        var found = new List<IndicatorPattern>();
        var bytes = File.ReadAllBytes(file);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return found;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isObjects = reader.ValueTextEquals("objects");
            reader.Read();
            if (!isObjects || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                using var item = JsonDocument.ParseValue(ref reader);
                var element = item.RootElement;
                if (element.ValueKind == JsonValueKind.Object
                    && element.TryGetProperty("type", out var type) && type.ValueEquals("indicator")
                    && element.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
                {
                    var patternType = element.TryGetProperty("pattern_type", out var pt) ? pt.GetString() : null;
                    var id = element.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? "" : "";
                    found.Add(new(Path.GetFileName(file), id, pattern.GetString()!, patternType));
                }
            }
        }

        return found;
    }
}
