using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// Reads names and string values as UTF-8 spans straight from the document, so valid input is checked without
/// allocating strings. Only text written with JSON escapes (rare in STIX) is unescaped into a new buffer.
/// </summary>
internal static class JsonText
{
    public static ReadOnlySpan<byte> Value(JsonElement stringElement)
    {
        var raw = JsonMarshal.GetRawUtf8Value(stringElement);
        raw = raw[1..^1];
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(stringElement.GetString()!);
    }

    public static ReadOnlySpan<byte> Name(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(property.Name);
    }

    public static bool TryGet<T>(FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<byte> utf8, out T value)
    {
        if (utf8.Length > 512)
        {
            return lookup.TryGetValue(Encoding.UTF8.GetString(utf8), out value!);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return lookup.TryGetValue(chars[..count], out value!);
    }

    public static bool Contains(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 512)
        {
            return lookup.Contains(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[utf8.Length];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return lookup.Contains(chars[..count]);
    }

    public static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
