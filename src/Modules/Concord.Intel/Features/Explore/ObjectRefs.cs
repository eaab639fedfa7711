using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Intel.Features.Explore;

/// <summary>The identifier references an object makes: its top-level <c>*_ref</c> and <c>*_refs</c> properties.</summary>
internal static class ObjectRefs
{
    /// <summary>
    /// Types whose STIX 2.1 definition refers to other objects (beyond <c>created_by_ref</c>, which has its own
    /// column). Only these are searched for references to an object, so a store of a million indicators is not read
    /// on every page view.
    /// </summary>
    public static readonly FrozenSet<string> ReferringTypes = new[]
    {
        "relationship", "sighting", "report", "note", "opinion", "grouping", "observed-data", "malware", "malware-analysis",
        "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "network-traffic",
        "process", "windows-registry-key",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Markings are shown as markings, not as links.</summary>
    private const string Markings = "object_marking_refs";

    /// <summary>Every (property, id) the object refers to, in document order, without markings.</summary>
    public static IReadOnlyList<(string Property, string Id)> Of(JsonElement root)
    {
        var refs = new List<(string, string)>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return refs;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == Markings)
            {
                continue;
            }

            if (property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                refs.Add((property.Name, property.Value.GetString()!));
            }
            else if (property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        refs.Add((property.Name, item.GetString()!));
                    }
                }
            }
        }

        return refs;
    }

    public static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
