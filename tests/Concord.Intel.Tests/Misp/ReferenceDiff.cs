using System.Text.Json;

namespace Concord.Intel.Tests.Misp;

/// <summary>One way Concord's conversion of an event differs from misp-stix's: which object, which property, how.</summary>
/// <param name="Key">The kind of difference, without the object: <c>indicator.object_marking_refs added</c>, <c>missing relationship</c>.</param>
public sealed record ReferenceDiff(string File, string Id, string Type, string Property, string Key, JsonElement? Reference, JsonElement? Ours)
{
    public override string ToString() => $"{File}: {Id} {Key}: misp-stix {Show(Reference)} / Concord {Show(Ours)}";

    private static string Show(JsonElement? value) => value is { } v ? (v.GetRawText() is { Length: > 300 } text ? text[..300] + "…" : v.GetRawText()) : "(none)";
}

/// <summary>Compares two conversions of one file: by id and property where ids are stable, by counts per type where not.</summary>
internal static class ReferenceComparer
{
    public static IEnumerable<ReferenceDiff> Compare(string file, List<JsonElement> reference, List<JsonElement> ours, bool deterministic)
    {
        if (!deterministic)
        {
            // PyMISP's fragments: misp-stix mints random ids and times for them, so only the shape can be compared.
            var types = reference.Select(Type).Concat(ours.Select(Type)).Distinct();
            foreach (var type in types)
            {
                var (r, o) = (reference.Count(x => Type(x) == type), ours.Count(x => Type(x) == type));
                if (r != o)
                {
                    yield return new ReferenceDiff(file, "-", type, "count", $"{type} count", Number(r), Number(o));
                }
            }

            yield break;
        }

        var theirs = reference.ToDictionary(Id);
        var mine = new Dictionary<string, JsonElement>();
        foreach (var o in ours)
        {
            mine.TryAdd(Id(o), o);
        }

        foreach (var (id, r) in theirs)
        {
            if (!mine.TryGetValue(id, out var o))
            {
                yield return new ReferenceDiff(file, id, Type(r), "-", $"missing {Type(r)}", r, null);
                continue;
            }

            foreach (var diff in Properties(file, id, Type(r), r, o))
            {
                yield return diff;
            }
        }

        foreach (var (id, o) in mine.Where(m => !theirs.ContainsKey(m.Key)))
        {
            yield return new ReferenceDiff(file, id, Type(o), "-", $"extra {Type(o)}", null, o);
        }
    }

    private static IEnumerable<ReferenceDiff> Properties(string file, string id, string type, JsonElement r, JsonElement o)
    {
        var names = r.EnumerateObject().Select(p => p.Name).Concat(o.EnumerateObject().Select(p => p.Name)).Distinct();
        foreach (var name in names)
        {
            var hasR = r.TryGetProperty(name, out var rv);
            var hasO = o.TryGetProperty(name, out var ov);
            if (hasR && hasO && Same(name, rv, ov))
            {
                continue;
            }

            var how = !hasR ? "added" : !hasO ? "missing" : "differs";
            yield return new ReferenceDiff(file, id, type, name, $"{type}.{name} {how}", hasR ? rv : null, hasO ? ov : null);
        }
    }

    /// <summary>
    /// JSON equality, with labels and object_refs compared as sets: misp-stix reads an object's tags into a Python set (no
    /// order), and converts pe, pe-section and registry-key-value objects after all others; in STIX neither order means anything.
    /// </summary>
    public static bool Same(string property, JsonElement a, JsonElement b)
    {
        if (property is "labels" or "object_refs" && a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array)
        {
            return a.EnumerateArray().Select(x => x.GetRawText()).Order().SequenceEqual(b.EnumerateArray().Select(x => x.GetRawText()).Order());
        }

        return JsonElement.DeepEquals(a, b);
    }

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static JsonElement Number(int n) => JsonDocument.Parse(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;
}
