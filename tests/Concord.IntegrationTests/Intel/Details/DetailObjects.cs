using System.Text.Json.Nodes;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Intel.Details;

/// <summary>STIX objects for the object-detail and export tests.</summary>
internal static class DetailObjects
{
    public static JsonObject Sdo(string type, Tlp tlp, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    public static JsonObject Identity(Tlp tlp, string name) => Sdo("identity", tlp, ("name", name), ("identity_class", "organization"));

    /// <summary>A statement marking (as MITRE's copyright); marking definitions have no <c>modified</c>.</summary>
    public static JsonObject Statement(Tlp tlp, string statement)
    {
        var o = Sdo("marking-definition", tlp, ("definition_type", "statement"), ("definition", new JsonObject { ["statement"] = statement }));
        o.Remove("modified");
        return o;
    }

    public static string Id(JsonObject o) => (string)o["id"]!;
}
