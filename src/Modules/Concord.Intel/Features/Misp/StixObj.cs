using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// A STIX object (or an embedded one) being assembled by the MISP converter: its properties in the order they were
/// set, written once as UTF-8 JSON when complete. Values are strings, numbers, booleans, nested <see cref="StixObj"/>s,
/// lists of these, or MISP JSON copied as it is (galaxy meta fields).
/// </summary>
internal sealed class StixObj
{
    // Patterns and names are read by people in the raw JSON view: no \u0027 for every quote.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<KeyValuePair<string, object?>> _properties = new(12);

    public StixObj()
    {
    }

    public StixObj(string type, string id)
    {
        Set("type", type).Set("spec_version", "2.1").Set("id", id);
        Type = type;
        Id = id;
    }

    public string Type { get; } = string.Empty;

    public string Id { get; } = string.Empty;

    public object? this[string key] => _properties.FirstOrDefault(p => p.Key == key).Value;

    public bool Has(string key) => _properties.Exists(p => p.Key == key);

    /// <summary>Sets a property (replacing it in place when present); null removes it.</summary>
    public StixObj Set(string key, object? value)
    {
        var at = _properties.FindIndex(p => p.Key == key);
        if (value is null)
        {
            if (at >= 0)
            {
                _properties.RemoveAt(at);
            }
        }
        else if (at >= 0)
        {
            _properties[at] = new(key, value);
        }
        else
        {
            _properties.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Sets <paramref name="key"/> when <paramref name="value"/> is a non-empty string.</summary>
    public StixObj SetText(string key, string? value) => string.IsNullOrEmpty(value) ? this : Set(key, value);

    public List<object?> List(string key)
    {
        if (this[key] is List<object?> list)
        {
            return list;
        }

        list = [];
        Set(key, list);
        return list;
    }

    public StixObj Child(string key)
    {
        if (this[key] is StixObj child)
        {
            return child;
        }

        child = new StixObj();
        Set(key, child);
        return child;
    }

    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in _properties)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case double d: writer.WriteNumberValue(d); break;
            case StixObj nested: nested.Write(writer); break;
            case JsonElement element: element.WriteTo(writer); break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"A STIX value of type {value.GetType().Name} cannot be written.");
        }
    }
}
