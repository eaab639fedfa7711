using System.Text.Json;
using Concord.Stix.Markings;

namespace Concord.Web.Intel;

/// <summary>What the object page offers for an object.</summary>
public static class ObjectActions
{
    /// <summary>The types the browser edits (the rest are edited by importing a new version).</summary>
    public static bool IsEditable(string type) => type is "indicator" or "note" or "report";

    /// <summary>Markings other than TLP (shown by id; the TLP one is the badge).</summary>
    public static IReadOnlyList<string> OtherMarkings(JsonElement root) =>
        root.TryGetProperty("object_marking_refs", out var refs) && refs.ValueKind == JsonValueKind.Array
            ? [.. refs.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).Where(r => !TlpMarkings.All.ContainsKey(r))]
            : [];
}
