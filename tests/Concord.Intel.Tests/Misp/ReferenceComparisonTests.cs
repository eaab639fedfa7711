using System.Text.Json;
using Concord.Stix.Validation;
using Concord.Testing;

namespace Concord.Intel.Tests.Misp;

/// <summary>
/// Concord's MISP conversion against misp-stix's, on the events whose misp-stix output is in
/// ../shared/data/misp/misp-stix-reference: type by type and property by property, every difference either absent
/// or one of the deliberate differences listed (with its reason) in docs/misp-import.md — and each listed one real.
/// </summary>
public class ReferenceComparisonTests
{
    public static IEnumerable<(string Input, string Output, bool Deterministic)> Conversions()
    {
        var root = SharedData.Path("misp");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "misp-stix-reference", "conversion-summary.json")));
        foreach (var entry in summary.RootElement.EnumerateArray().Where(e => e.GetProperty("status").GetString() == "converted"))
        {
            yield return (Path.Combine(root, entry.GetProperty("input").GetString()!), Path.Combine(root, entry.GetProperty("output").GetString()!), entry.GetProperty("deterministic").GetBoolean());
        }
    }

    public static List<ReferenceDiff> AllDifferences(out List<string> invalid)
    {
        invalid = [];
        var all = new List<ReferenceDiff>();
        foreach (var (input, output, deterministic) in Conversions())
        {
            var converted = MispFiles.ConvertFile(input);
            var ours = MispFiles.Objects(converted);
            var name = Path.GetFileName(input);
            invalid.AddRange(MispFiles.Problems(converted).Select(p => $"{name}: rejected {p.Path} {p.Rule}: {p.Message}"));
            foreach (var stix in ours)
            {
                var result = StixValidator.Validate(stix);
                invalid.AddRange(result.Errors.Select(e => $"{name}: {stix.GetProperty("id").GetString()} invalid: {e.Rule} at {e.Path}: {e.Message}"));
            }

            using var reference = JsonDocument.Parse(File.ReadAllText(output));
            all.AddRange(ReferenceComparer.Compare(name, [.. reference.RootElement.GetProperty("objects").EnumerateArray().Select(e => e.Clone())], ours, deterministic));
        }

        return all;
    }

    [Fact]
    public void Dump_Differences()
    {
        var all = AllDifferences(out var invalid);
        var lines = new List<string>();
        lines.AddRange(invalid.Take(200));
        foreach (var group in all.GroupBy(d => d.Key).OrderByDescending(g => g.Count()))
        {
            lines.Add($"== {group.Key}: {group.Count()}");
            lines.AddRange(group.Take(3).Select(d => "   " + d));
        }

        File.WriteAllLines("/tmp/misp-diff.txt", lines);
    }
}
