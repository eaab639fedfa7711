using System.Text.Json;

namespace Concord.Stix;

/// <summary>
/// One STIX 2.1 object, held losslessly: the exact UTF-8 bytes it was read from plus a read-only JSON view.
/// Custom properties, extensions, unknown properties and timestamp precision survive because serialising
/// writes the original bytes back. The common properties are extracted once for filtering and indexing.
/// </summary>
/// <remarks>
/// Holds a pooled <see cref="JsonDocument"/>; dispose it on hot paths to return the buffers early.
/// Not disposing is safe: the garbage collector reclaims everything.
/// </remarks>
public sealed partial class StixObject : IDisposable
{
    private readonly JsonDocument _document;

    internal StixObject(ReadOnlyMemory<byte> utf8Json, JsonDocument document)
    {
        Utf8Json = utf8Json;
        _document = document;
        var root = document.RootElement;
        Type = GetString(root, "type") ?? string.Empty;
        Id = GetString(root, "id") ?? string.Empty;
        SpecVersion = GetString(root, "spec_version");
        Created = GetString(root, "created");
        Modified = GetString(root, "modified");
        CreatedByRef = GetString(root, "created_by_ref");
        Revoked = root.TryGetProperty("revoked", out var revoked) && revoked.ValueKind == JsonValueKind.True;
        ObjectMarkingRefs = GetStrings(root, "object_marking_refs");
        GranularMarkingRefs = GetGranularRefs(root);
        Labels = GetStrings(root, "labels");
        Name = GetString(root, "name");
        Description = GetString(root, "description");
    }

    /// <summary>The object's exact UTF-8 JSON, as read.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>A read-only view of the object's JSON.</summary>
    public JsonElement Json => _document.RootElement;

    /// <summary>The <c>type</c> property (empty when missing; the validator reports that).</summary>
    public string Type { get; }

    /// <summary>The <c>id</c> property (empty when missing; the validator reports that).</summary>
    public string Id { get; }

    /// <summary>The <c>spec_version</c> property, if present.</summary>
    public string? SpecVersion { get; }

    /// <summary>The <c>created</c> timestamp exactly as written, if present.</summary>
    public string? Created { get; }

    /// <summary>The <c>modified</c> timestamp exactly as written, if present.</summary>
    public string? Modified { get; }

    /// <summary>
    /// The version identifier used by TAXII and the store: <c>modified</c>, else <c>created</c>, else null
    /// (SCOs and some meta objects carry neither).
    /// </summary>
    public string? Version => Modified ?? Created;

    /// <summary>The <c>created_by_ref</c> property, if present.</summary>
    public string? CreatedByRef { get; }

    /// <summary>True when the object carries <c>"revoked": true</c>.</summary>
    public bool Revoked { get; }

    /// <summary>The <c>object_marking_refs</c> property (empty when absent).</summary>
    public IReadOnlyList<string> ObjectMarkingRefs { get; }

    /// <summary>The <c>marking_ref</c> of each entry of <c>granular_markings</c>, in order (empty when absent).</summary>
    public IReadOnlyList<string> GranularMarkingRefs { get; }

    /// <summary>The <c>labels</c> property (empty when absent).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The <c>name</c> property, if present.</summary>
    public string? Name { get; }

    /// <summary>The <c>description</c> property, if present.</summary>
    public string? Description { get; }

    /// <summary>Which family the object's type belongs to.</summary>
    public StixKind Kind => StixTypes.KindOf(Type);

    /// <summary>Writes the object's original bytes to <paramref name="writer"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(Utf8Json.Span, skipInputValidation: true);
    }

    /// <summary>The object's JSON text, exactly as read.</summary>
    public string ToJson() => System.Text.Encoding.UTF8.GetString(Utf8Json.Span);

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> GetGranularRefs(JsonElement root)
    {
        if (!root.TryGetProperty("granular_markings", out var markings) || markings.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var marking in markings.EnumerateArray())
        {
            if (marking.ValueKind == JsonValueKind.Object && GetString(marking, "marking_ref") is { } reference)
            {
                list.Add(reference);
            }
        }

        return list;
    }

    private static IReadOnlyList<string> GetStrings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }
}
