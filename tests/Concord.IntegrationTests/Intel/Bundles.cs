using System.Text.Json.Nodes;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Intel;

/// <summary>Small, valid STIX 2.1 objects and bundles for tests.</summary>
internal static class Bundles
{
    public static string NewId(string type = "indicator") => $"{type}--{Guid.NewGuid()}";

    public static JsonObject Indicator(string? id = null, string modified = "2026-01-01T00:00:00.000Z", Tlp? tlp = null,
        string name = "Bad IP", string? description = null, string[]? labels = null, string? createdBy = null)
    {
        var o = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = id ?? NewId(),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = modified,
            ["name"] = name,
            ["pattern"] = "[ipv4-addr:value = '198.51.100.7']",
            ["pattern_type"] = "stix",
            ["valid_from"] = "2026-01-01T00:00:00Z",
            ["x_custom"] = new JsonObject { ["kept"] = 1.50 },
        };
        if (description is not null)
        {
            o["description"] = description;
        }

        if (labels is not null)
        {
            o["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]);
        }

        if (createdBy is not null)
        {
            o["created_by_ref"] = createdBy;
        }

        if (tlp is { } level)
        {
            o["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(level));
        }

        return o;
    }

    public static string Bundle(params JsonNode[] objects) =>
        new JsonObject { ["type"] = "bundle", ["id"] = NewId("bundle"), ["objects"] = new JsonArray([.. objects.Select(o => o.DeepClone())]) }.ToJsonString();
}
