using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Intel.Tests.Misp;

/// <summary>Small MISP events written for the tests, in the shape MISP's API exports them.</summary>
internal static class MispEvents
{
    public const string EventUuid = "5b1f1d4a-7c2e-4b8a-9f3d-1a2b3c4d5e6f";
    public const string OrgUuid = "55f6ea5e-2c60-40e5-964f-47a8950d210f";
    public const string Timestamp = "1600000000";
    public const string Stamp = "2020-09-13T12:26:40.000Z";

    private static int _next;

    public static string Uuid() => $"00000000-0000-4000-8000-{Interlocked.Increment(ref _next):x12}";

    public static JsonObject Attribute(string type, string value, bool toIds = false, string category = "Network activity", string? uuid = null) => new()
    {
        ["uuid"] = uuid ?? Uuid(),
        ["type"] = type,
        ["category"] = category,
        ["value"] = value,
        ["to_ids"] = toIds,
        ["timestamp"] = Timestamp,
        ["distribution"] = "5",
        ["deleted"] = false,
    };

    public static JsonObject Object(string name, string metaCategory, params JsonObject[] attributes) => new()
    {
        ["uuid"] = Uuid(),
        ["name"] = name,
        ["meta-category"] = metaCategory,
        ["timestamp"] = Timestamp,
        ["distribution"] = "5",
        ["Attribute"] = new JsonArray([.. attributes]),
    };

    public static JsonObject Related(this JsonObject attribute, string relation)
    {
        attribute["object_relation"] = relation;
        return attribute;
    }

    public static JsonObject Event(IEnumerable<JsonObject>? attributes = null, IEnumerable<JsonObject>? objects = null, IEnumerable<string>? tags = null, string distribution = "1", bool published = false) => new()
    {
        ["uuid"] = EventUuid,
        ["info"] = "A test event",
        ["date"] = "2020-09-13",
        ["timestamp"] = Timestamp,
        ["published"] = published,
        ["publish_timestamp"] = published ? Timestamp : "0",
        ["distribution"] = distribution,
        ["Orgc"] = new JsonObject { ["uuid"] = OrgUuid, ["name"] = "CIRCL" },
        ["Attribute"] = new JsonArray([.. attributes ?? []]),
        ["Object"] = new JsonArray([.. objects ?? []]),
        ["Tag"] = new JsonArray([.. (tags ?? []).Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
    };

    public static string Wrapped(JsonObject @event) => new JsonObject { ["Event"] = @event }.ToJsonString();

    /// <summary>Converts one event and returns its STIX objects by id (rejections fail the test).</summary>
    public static Dictionary<string, JsonElement> Convert(JsonObject @event)
    {
        var converted = MispFiles.Convert(Wrapped(@event));
        Assert.Empty(MispFiles.Problems(converted));
        return MispFiles.Objects(converted).ToDictionary(o => o.GetProperty("id").GetString()!);
    }

    public static string Text(this JsonElement stix, string property) => stix.GetProperty(property).GetString()!;

    public static List<string> Strings(this JsonElement stix, string property) =>
        stix.TryGetProperty(property, out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];
}
