using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Access;

namespace Concord.Intel.Endpoints;

/// <summary>Exact JSON bytes written as they are, so the API returns the object the node received.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal readonly record struct RawJson(ReadOnlyMemory<byte> Utf8);

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}

/// <summary>
/// A stored object version with the node's metadata. <c>owner</c> and <c>audience</c> are null on an anonymous
/// sighting read by another organisation; <c>score</c> is an indicator's current score (null on other objects).
/// Ownership is part of identity: <c>also_shared_by</c> names the other organisations whose own copy of this version
/// the caller may read and is byte-identical; <c>copies</c> (on a read by id) lists every other visible copy.
/// </summary>
internal sealed record ObjectResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("revoked")] bool Revoked,
    [property: JsonPropertyName("date_added")] DateTimeOffset DateAdded,
    [property: JsonPropertyName("owner")] Guid? Owner,
    [property: JsonPropertyName("tlp")] string Tlp,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("audience")] Guid? Audience,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("also_shared_by")] IReadOnlyList<Guid> AlsoSharedBy,
    [property: JsonPropertyName("copies"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CopyResponse>? Copies,
    [property: JsonPropertyName("object")] RawJson Object)
{
    public static ObjectResponse From(StoredStixObject o, Principal reader, bool withCopies = false)
    {
        var reporter = o.ReporterFor(reader);
        var hidden = reporter is null;
        return new(o.Id, o.Type, o.Version, o.Revoked, o.DateAdded, reporter, Distribution.Label(o.Tlp), Distribution.Name(o.Scope),
            hidden ? null : o.AudienceId, o.Score, o.AlsoSharedBy,
            withCopies ? o.OtherCopies.Select(c => new CopyResponse(c.Owner, c.Version, c.Revoked, Distribution.Label(c.Tlp), Distribution.Name(c.Scope), c.Identical)).ToList() : null,
            new RawJson(o.Json));
    }
}

/// <summary>Another organisation's copy of the same id: its newest version the caller may read (<c>GET /objects/{id}?owner=…</c> reads it).</summary>
internal sealed record CopyResponse(
    [property: JsonPropertyName("owner")] Guid Owner,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("revoked")] bool Revoked,
    [property: JsonPropertyName("tlp")] string Tlp,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("identical")] bool Identical);

internal sealed record ObjectListResponse(
    [property: JsonPropertyName("objects")] IReadOnlyList<ObjectResponse> Objects,
    [property: JsonPropertyName("next")] string? Next);

internal sealed record VersionsResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("versions")] IReadOnlyList<ObjectResponse> Versions);

internal sealed record JobListResponse([property: JsonPropertyName("jobs")] IReadOnlyList<ImportJobStatus> Jobs);
