using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Identifiers;

namespace Concord.Stix;

/// <summary>
/// Builds a new STIX 2.1 object from properties: <c>type</c>, <c>spec_version</c>, <c>id</c> and, for types that
/// carry them, <c>created</c>/<c>modified</c> are filled in; everything else is whatever the caller sets.
/// Timestamps are text with millisecond precision (the STIX minimum for created/modified) and stay text.
/// </summary>
/// <remarks>
/// SCOs get their deterministic id (<see cref="ScoIds"/>) at <see cref="Build"/>, or a UUIDv4 when none of their
/// id-contributing properties is set; other objects get a UUIDv4. Property order is type, spec_version, id, then
/// timestamps, then the caller's properties in the order set.
/// </remarks>
public sealed class StixObjectBuilder
{
    internal const int NodeMaxDepth = 1000;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text readable and byte-stable: STIX JSON is UTF-8, not an HTML context.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = NodeMaxDepth,
    };

    private readonly JsonObject _json;
    private readonly bool _isObservable;
    private bool _idSet;

    /// <summary>Starts an object of <paramref name="type"/>; timestamps come from <paramref name="timeProvider"/>.</summary>
    public StixObjectBuilder(string type, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _isObservable = StixTypes.CyberObservables.Contains(type);
        _json = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = type + "--" + Guid.NewGuid().ToString("D") };
        if (!_isObservable)
        {
            var now = FormatTimestamp(timeProvider.GetUtcNow());
            _json["created"] = now;
            if (type != "marking-definition")
            {
                // Marking definitions are never versioned, so they have no 'modified' (STIX 2.1 section 7.2.1).
                _json["modified"] = now;
            }
        }
    }

    /// <summary>Sets the id instead of generating one.</summary>
    public StixObjectBuilder WithId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _json["id"] = id;
        _idSet = true;
        return this;
    }

    /// <summary>Sets a property to a JSON value (null removes it). The node is copied, so the caller may reuse it.</summary>
    public StixObjectBuilder Set(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "type")
        {
            throw new ArgumentException("The type is fixed by the constructor.", nameof(name));
        }

        if (value is null)
        {
            _json.Remove(name);
        }
        else
        {
            _json[name] = value.DeepClone();
        }

        _idSet |= name == "id";
        return this;
    }

    /// <summary>Sets a string property.</summary>
    public StixObjectBuilder Set(string name, string value) => Set(name, JsonValue.Create(value));

    /// <summary>Sets a list-of-strings property (e.g. <c>object_marking_refs</c>, <c>labels</c>).</summary>
    public StixObjectBuilder Set(string name, IEnumerable<string> values) =>
        Set(name, new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]));

    /// <summary>Builds the object.</summary>
    /// <exception cref="InvalidOperationException">The properties do not make a readable object (e.g. over a reader limit).</exception>
    public StixObject Build()
    {
        var json = (JsonObject)_json.DeepClone();
        if (_isObservable && !_idSet)
        {
            using var document = JsonDocument.Parse(Serialize(json));
            if (ScoIds.TryCompute((string)json["type"]!, document.RootElement, out var id))
            {
                json["id"] = id;
            }
        }

        return FromNode(json);
    }

    /// <summary>Formats a STIX timestamp: UTC, <c>Z</c>, millisecond precision, e.g. <c>2026-01-31T09:30:00.000Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static StixObject FromNode(JsonObject json)
    {
        if (!StixParser.TryParse(Serialize(json), out var stixObject, out var error))
        {
            throw new InvalidOperationException($"The built object is not readable STIX JSON: {error}");
        }

        return stixObject;
    }

    private static byte[] Serialize(JsonObject json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
