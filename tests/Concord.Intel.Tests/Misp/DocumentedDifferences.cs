using System.Text.Json;
using Concord.Intel.Features.Misp;
using Concord.Stix.Markings;

namespace Concord.Intel.Tests.Misp;

/// <summary>
/// The deliberate differences from misp-stix, as docs/misp-import.md lists them, and how a found difference is told to be
/// one of them: each rule checks the values, not only the property, so an accidental change of the same property fails.
/// </summary>
internal static class DocumentedDifferences
{
    public const string Doc = "docs/misp-import.md";

    /// <summary>The ids in the doc's table "Seen in the reference comparison".</summary>
    public static List<string> Seen()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), Doc));
        var start = Array.FindIndex(lines, l => l.StartsWith("### Seen in the reference comparison", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{Doc} has no section 'Seen in the reference comparison'.");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#')).Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l[3..l.IndexOf('`', 3)]).ToList();
    }

    /// <summary>Which documented difference <paramref name="diff"/> is, or null; <paramref name="ours"/> holds Concord's objects of the file by id.</summary>
    public static string? Classify(ReferenceDiff diff, IReadOnlyDictionary<string, JsonElement> ours, IReadOnlyList<ReferenceDiff> sameObject)
    {
        var (r, o) = (diff.Reference, diff.Ours);
        return diff.Property switch
        {
            "object_marking_refs" when r is null && o is { } marks && marks.EnumerateArray().All(m => TlpMarkings.TryGetLevel(m.GetString()!, out _)) => "tlp-on-every-object",
            "key" when diff.Type == "windows-registry-key" && MispStix.RegistryHive(r!.Value.GetString()!) == o?.GetString() && r.Value.GetString() != o?.GetString() => "registry-hives",
            "external_references" when AddsAttackId(r, o) => "attack-ids",
            "pattern" when r?.GetString() == $"[{o?.GetString()}]" && ours[diff.Id].GetProperty("pattern_type").GetString() != "stix" => "rule-patterns",
            var name when name.StartsWith("x_misp_", StringComparison.Ordinal) && Renamed(diff, sameObject) => "custom-property-names",
            "-" when diff.Key == "extra relationship" && TouchesPe(o!.Value, ours) => "pe-references",
            _ => null,
        };
    }

    /// <summary>
    /// A report's object_refs that differ only by extra objects already classified (so by the same documented difference),
    /// or only by objects made from MISP elements shared narrower than their event (<paramref name="narrower"/>: their uuids).
    /// </summary>
    public static string? ClassifyRefs(ReferenceDiff diff, IReadOnlyDictionary<string, string> extras, IReadOnlyDictionary<string, JsonElement> ours, ISet<string> narrower)
    {
        if (diff.Property != "object_refs" || diff.Type is not ("report" or "grouping") || diff.Reference is not { } r || diff.Ours is not { } o)
        {
            return null;
        }

        var theirs = r.EnumerateArray().Select(e => e.GetString()!).ToList();
        var mine = o.EnumerateArray().Select(e => e.GetString()!).ToList();
        var added = mine.Except(theirs).ToList();
        var removed = theirs.Except(mine).ToList();
        if (added.Count > 0 && removed.Count == 0)
        {
            var reasons = added.Select(id => extras.GetValueOrDefault(id)).Distinct().ToList();
            return reasons.Count == 1 ? reasons[0] : null;
        }

        return added.Count == 0 && removed.Count > 0 && removed.All(id => ours.ContainsKey(id) && narrower.Contains(id[(id.IndexOf("--", StringComparison.Ordinal) + 2)..]))
            ? "narrower-refs-left-out"
            : null;
    }

    /// <summary>The uuids of the attributes and objects of a MISP file whose distribution is narrower than their event's.</summary>
    public static HashSet<string> NarrowerUuids(string mispFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(mispFile));
        var root = document.RootElement;
        var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
            : root.TryGetProperty("response", out var response) ? response.EnumerateArray().ToList() : [root];
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wrapper in events)
        {
            var e = wrapper.TryGetProperty("Event", out var inner) ? inner : wrapper;
            var level = Rank(e);
            var elements = e.TryGetProperty("Attribute", out var a) ? a.EnumerateArray().ToList() : [];
            if (e.TryGetProperty("Object", out var objects))
            {
                elements.AddRange(objects.EnumerateArray());
            }

            uuids.UnionWith(elements.Where(x => Rank(x) < level && x.TryGetProperty("uuid", out _)).Select(x => x.GetProperty("uuid").GetString()!));
        }

        return uuids;
    }

    // MISP's distribution by reach: 0 < 4 < 1 < 2 < 3; not said (or 5, inherit): as wide as anything.
    private static int Rank(JsonElement element) =>
        (element.TryGetProperty("distribution", out var d) ? d.ToString() : null) switch { "0" => 0, "4" => 1, "1" => 2, "2" => 3, "3" => 4, _ => 5 };

    private static bool AddsAttackId(JsonElement? reference, JsonElement? ours)
    {
        if (reference is not { } r || ours is not { } o)
        {
            return false;
        }

        var mine = o.EnumerateArray().ToList();
        return mine.Count == r.GetArrayLength() + 1 && mine[0].GetProperty("source_name").GetString() == "mitre-attack"
            && mine.Skip(1).Zip(r.EnumerateArray()).All(p => JsonElement.DeepEquals(p.First, p.Second));
    }

    // misp-stix's x_misp_a-b missing and Concord's x_misp_a_b added with the same value, or the other way round.
    private static bool Renamed(ReferenceDiff diff, IReadOnlyList<ReferenceDiff> sameObject)
    {
        if (diff.Reference is { } theirs && diff.Ours is null)
        {
            var renamed = MispStix.CustomProperty(diff.Property["x_misp_".Length..]);
            return renamed != diff.Property && sameObject.Any(d => d.Property == renamed && d.Reference is null && d.Ours is { } v && JsonElement.DeepEquals(v, theirs));
        }

        return diff.Ours is { } mine && diff.Reference is null
            && sameObject.Any(d => d.Ours is null && d.Reference is { } v && MispStix.CustomProperty(d.Property["x_misp_".Length..]) == diff.Property && d.Property != diff.Property && JsonElement.DeepEquals(v, mine));
    }

    private static bool TouchesPe(JsonElement relationship, IReadOnlyDictionary<string, JsonElement> ours) =>
        new[] { "source_ref", "target_ref" }.Any(end => ours.TryGetValue(relationship.GetProperty(end).GetString()!, out var o)
            && o.TryGetProperty("x_misp_name", out var name) && name.GetString() is "pe" or "pe-section");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Concord.slnx) was not found above the test's folder.");
    }
}
