using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concord.Stix;

/// <summary>
/// Finds JSON strings (values or property names) whose <c>\uXXXX</c> escapes leave a UTF-16 surrogate unpaired, such
/// as <c>"\ud800"</c>. UTF-8 itself cannot carry a surrogate (the UTF-8 check refuses one), so escapes are the only way
/// in. Such text is not Unicode: I-JSON (RFC 7493, which TAXII requires) forbids it, System.Text.Json refuses to read it
/// as a string, and a store that kept it would fail every later reader of the object. So it is refused per object.
/// </summary>
internal static class UnpairedSurrogates
{
    /// <summary>The JSON path of the first string holding an unpaired surrogate escape, or null when there is none.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8Json)
    {
        // Cheap prefilter: most objects hold no "\uD800"-"\uDFFF" escape at all, so only those pay for a token walk.
        return MayHold(utf8Json) ? Walk(utf8Json) : null;
    }

    private static bool MayHold(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (true)
        {
            var next = utf8[at..].IndexOf("\\u"u8);
            if (next < 0)
            {
                return false;
            }

            at += next + 2;
            if (at + 1 < utf8.Length && (utf8[at] | 0x20) == 'd' && IsSurrogateNibble(utf8[at + 1]))
            {
                return true;
            }
        }
    }

    private static bool IsSurrogateNibble(byte b) => b is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static string? Walk(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });

        // One frame per open container, holding where in it the reader is: the current property name or array index.
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    frames[^1].Name = Encoding.UTF8.GetString(reader.ValueSpan);
                    if (reader.ValueIsEscaped && HasUnpaired(reader.ValueSpan))
                    {
                        return PathOf(frames);
                    }

                    continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1].Index++;
                }

                if (token == JsonTokenType.String && reader.ValueIsEscaped && HasUnpaired(reader.ValueSpan))
                {
                    return PathOf(frames);
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(token == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parse itself, with its own rule.
        }

        return null;
    }

    private static string PathOf(List<Frame> frames)
    {
        var text = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                text.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (frame.Name is { } name)
            {
                // Names as written, escapes kept, so a name that is itself not Unicode can still be shown.
                var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
                text.Append(plain ? "." + name : "['" + name + "']");
            }
        }

        return text.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }

    /// <summary>Walks the escapes of one string as written (between its quotes): true when a surrogate is left unpaired.</summary>
    internal static bool HasUnpaired(ReadOnlySpan<byte> escaped)
    {
        var i = 0;
        var highPending = false;
        while (i < escaped.Length)
        {
            var slash = escaped[i..].IndexOf((byte)'\\');
            if (slash != 0)
            {
                if (highPending)
                {
                    return true;
                }

                if (slash < 0)
                {
                    return false;
                }

                i += slash;
            }

            if (escaped[i + 1] != 'u')
            {
                if (highPending)
                {
                    return true;
                }

                i += 2;
                continue;
            }

            var unit = Hex(escaped.Slice(i + 2, 4));
            i += 6;
            if (char.IsHighSurrogate((char)unit))
            {
                if (highPending)
                {
                    return true;
                }

                highPending = true;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                if (!highPending)
                {
                    return true;
                }

                highPending = false;
            }
            else if (highPending)
            {
                return true;
            }
        }

        return highPending;
    }

    internal static int Hex(ReadOnlySpan<byte> four)
    {
        Span<char> chars = stackalloc char[4];
        for (var k = 0; k < 4; k++)
        {
            chars[k] = (char)four[k];
        }

        return int.Parse(chars, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
