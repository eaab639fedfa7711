using System.Text;
using System.Text.Json;
using Concord.Intel.Features.Misp;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.MispExport;

/// <summary>
/// import(export(import(event))) for every event in ../shared/data/misp/events: the STIX objects of the second import
/// equal those of the first, type by type and property by property, but for the differences docs/misp-import.md lists
/// under "Export" (<see cref="Documented"/>); and every exported event passes PyMISP's rules.
/// </summary>
public class MispExportRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The documented export differences: (STIX type or *, property) the second import may differ in.</summary>
    internal static readonly HashSet<(string Type, string Property)> Documented =
    [
        // cluster-meta: a galaxy cluster's meta goes back as synonyms, refs and external ids only.
        .. new[] { "attack-pattern", "course-of-action", "intrusion-set", "malware", "threat-actor", "tool", "campaign", "vulnerability", "x-misp-galaxy-cluster" }
            .SelectMany(t => new[] { (t, "external_references"), (t, "kill_chain_phases"), (t, "x_misp_meta"), (t, "x_misp_description"), (t, "tool_types"), (t, "malware_types"), (t, "threat_actor_types"), (t, "is_family") }),

        // galaxy-tags: an event tag naming a cluster the event has becomes that cluster's galaxy, which the import leaves out of the labels.
        ("report", "labels"), ("grouping", "labels"),

        // narrower-in-own-event: what no exported report lists (shared narrower than its event) is in a "Concord export" event.
        ("report", "object_refs"), ("grouping", "object_refs"),
    ];

    public static TheoryData<string> Events() =>
        [.. Directory.EnumerateFiles(SharedData.Path("misp", "events"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => Path.GetRelativePath(SharedData.Path("misp", "events"), p))];

    [Theory]
    [MemberData(nameof(Events))]
    public void Export_ImportedEvent_ImportsBackToTheSameObjectsAndPassesPyMisp(string file)
    {
        var first = Convert(File.ReadAllBytes(SharedData.Path("misp", "events", file)));
        var exported = Export(first);
        var problems = exported.SelectMany(e => PyMispRules.Problems(e).Select(p => $"{e.GetProperty("Event").GetProperty("uuid")}: {p}")).ToList();
        Assert.Empty(problems);

        var second = Convert(Encoding.UTF8.GetBytes($"{{\"response\":[{string.Join(',', exported.Select(e => e.GetRawText()))}]}}"));
        var secondById = second.Where(o => o.Json is not null).GroupBy(o => o.Id!).ToDictionary(g => g.Key, g => g.First());
        var diffs = new List<string>();

        // Test events that name two attributes by one uuid (MISP refuses that): which one a store keeps is not the export's to say.
        var once = first.Where(o => o.Json is not null).GroupBy(o => o.Id!).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var output in first.Where(o => o.Json is not null && once.Contains(o.Id!) && !o.Id!.StartsWith("marking-definition--", StringComparison.Ordinal)))
        {
            using var a = JsonDocument.Parse(output.Json!);
            var type = a.RootElement.GetProperty("type").GetString()!;
            if (!secondById.TryGetValue(output.Id!, out var again))
            {
                if (!Documented.Contains((type, "(missing)")))
                {
                    diffs.Add($"{output.Id}: missing");
                }

                continue;
            }

            using var b = JsonDocument.Parse(again.Json!);
            foreach (var property in a.RootElement.EnumerateObject().Select(p => p.Name).Union(b.RootElement.EnumerateObject().Select(p => p.Name)))
            {
                var left = a.RootElement.TryGetProperty(property, out var l) ? l.GetRawText() : null;
                var right = b.RootElement.TryGetProperty(property, out var r) ? r.GetRawText() : null;
                var clusterMeta = property.StartsWith("x_misp_", StringComparison.Ordinal) && Documented.Contains((type, "external_references")) && type != "vulnerability";
                if (left != right && !clusterMeta && !Documented.Contains((type, property)))
                {
                    diffs.Add($"{output.Id}.{property}: {Short(left)} -> {Short(right)}");
                }
            }
        }

        Assert.True(diffs.Count == 0, $"{diffs.Count} undocumented differences:\n" + string.Join('\n', diffs.Take(60)));
    }

    private static string? Short(string? text) => text is null || text.Length < 160 ? text : text[..160] + "…";

    internal static List<MispOutput> Convert(byte[] json)
    {
        var outputs = new List<MispOutput>();
        foreach (var unit in MispDocumentReader.ReadAsync(new MemoryStream(json), CancellationToken.None).ToBlockingEnumerable())
        {
            using (unit)
            {
                if (unit.Error is null)
                {
                    outputs.AddRange(MispEventConverter.Convert(unit.Event, unit.Path, Now).Outputs);
                }
            }
        }

        return outputs;
    }

    /// <summary>Each report or grouping with its members as the exporter receives them from the store (scope as distribution).</summary>
    internal static List<JsonElement> Export(List<MispOutput> outputs)
    {
        var items = outputs.Where(o => o.Json is not null).GroupBy(o => o.Id!).Select(g => g.Last())
            .ToDictionary(o => o.Id!, o => new MispExportItem(JsonDocument.Parse(o.Json!).RootElement.Clone(), o.Distribution.Level is null or 4 ? (o.Distribution.Level is null ? 1 : 0) : o.Distribution.Level.Value));
        var events = new List<JsonElement>();
        foreach (var report in items.Values.Where(i => i.Type is "report" or "grouping"))
        {
            var members = report.Strings("object_refs").Select(id => items.GetValueOrDefault(id)).OfType<MispExportItem>();
            var built = MispEventBuilder.Build(report, members, id => items.GetValueOrDefault(id), Guid.NewGuid().ToString("D"), string.Empty, Now);
            events.Add(JsonDocument.Parse(built.ToJsonString()).RootElement.Clone());
        }

        // What no report lists (shared narrower than its event) goes in a "Concord export" event, as the store's export writes it.
        var listed = items.Values.Where(i => i.Type is "report" or "grouping").SelectMany(r => r.Strings("object_refs")).ToHashSet(StringComparer.Ordinal);
        var others = items.Values.Where(i => !listed.Contains(i.Id) && i.Type is not ("report" or "grouping" or "identity" or "marking-definition" or "note")).ToList();
        if (others.Count > 0)
        {
            var built = MispEventBuilder.Build(null, others, id => items.GetValueOrDefault(id), "0b5c7c1e-2a47-4f6e-9d3a-6e1f0c2b8a95", "Concord export", Now);
            events.Add(JsonDocument.Parse(built.ToJsonString()).RootElement.Clone());
        }

        return events;
    }
}
