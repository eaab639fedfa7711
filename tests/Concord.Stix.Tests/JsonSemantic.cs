using System.Text.Json;

namespace Concord.Stix.Tests;

/// <summary>
/// JSON equality for round-trip tests: object key order is irrelevant, but numbers must keep their exact text
/// (1.50 is not 1.5) and strings their exact value, so timestamp precision and number formatting are checked too.
/// With <c>exactStrings</c> strings must also keep their exact escaping, for paths that promise the original bytes.
/// </summary>
internal static class JsonSemantic
{
    public static bool Equal(JsonElement a, JsonElement b, out string difference, string path = "$", bool exactStrings = false)
    {
        difference = string.Empty;
        if (a.ValueKind != b.ValueKind)
        {
            difference = $"{path}: {a.ValueKind} vs {b.ValueKind}";
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                if (left.Count != right.Count)
                {
                    difference = $"{path}: {left.Count} vs {right.Count} properties";
                    return false;
                }

                foreach (var (name, value) in left)
                {
                    if (!right.TryGetValue(name, out var other))
                    {
                        difference = $"{path}.{name}: missing";
                        return false;
                    }

                    if (!Equal(value, other, out difference, $"{path}.{name}", exactStrings))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    difference = $"{path}: array lengths differ";
                    return false;
                }

                var i = 0;
                foreach (var (x, y) in a.EnumerateArray().Zip(b.EnumerateArray()))
                {
                    if (!Equal(x, y, out difference, $"{path}[{i++}]", exactStrings))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return Same(exactStrings ? a.GetRawText() == b.GetRawText() : a.GetString() == b.GetString(), a, b, path, out difference);
            case JsonValueKind.Number:
                return Same(a.GetRawText() == b.GetRawText(), a, b, path, out difference);
            default:
                return true;
        }
    }

    public static void AssertEqual(string expected, string actual)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        Assert.True(Equal(a.RootElement, b.RootElement, out var difference), difference);
    }

    private static bool Same(bool same, JsonElement a, JsonElement b, string path, out string difference)
    {
        difference = same ? string.Empty : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
        return same;
    }
}
