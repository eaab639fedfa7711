using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Taxii.Features.Status;

/// <summary>
/// A status-details entry (T 4.3.1): the STIX id, its version, and for failures why. <see cref="Unversioned"/> (kept
/// with the status, never sent) marks an object with neither <c>modified</c> nor <c>created</c>, whose version is named
/// by the server once it is stored.
/// </summary>
internal sealed record StatusDetail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("message")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    [JsonPropertyName("unversioned")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Unversioned { get; init; }
}

/// <summary>The three lists of a status resource, as persisted. A list is null when it is not given.</summary>
internal sealed record StatusLists(
    [property: JsonPropertyName("successes")] List<StatusDetail>? Successes,
    [property: JsonPropertyName("failures")] List<StatusDetail>? Failures,
    [property: JsonPropertyName("pendings")] List<StatusDetail>? Pendings)
{
    public string ToJson() => JsonSerializer.Serialize(this, StatusJson.Default.StatusLists);

    public static StatusLists FromJson(string json) => JsonSerializer.Deserialize(json, StatusJson.Default.StatusLists)!;
}

[JsonSerializable(typeof(StatusLists))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StatusJson : JsonSerializerContext;
