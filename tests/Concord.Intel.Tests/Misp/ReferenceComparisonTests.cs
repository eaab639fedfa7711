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

    [Fact]
    public void Convert_ReferenceEvents_DifferFromMispStixOnlyAsDocumented()
    {
        var invalid = new List<string>();
        var unexplained = new List<ReferenceDiff>();
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = 0;
        foreach (var (input, output, deterministic) in Conversions())
        {
            files++;
            var name = Path.GetFileName(input);
            var converted = MispFiles.ConvertFile(input);
            var ours = MispFiles.Objects(converted);
            invalid.AddRange(MispFiles.Problems(converted).Select(p => $"{name}: rejected {p.Path} {p.Rule}: {p.Message}"));
            invalid.AddRange(ours.SelectMany(stix => StixValidator.Validate(stix).Errors.Select(e => $"{name}: {stix.GetProperty("id").GetString()}: {e.Rule} at {e.Path}: {e.Message}")));

            using var reference = JsonDocument.Parse(File.ReadAllText(output));
            var theirs = reference.RootElement.GetProperty("objects").EnumerateArray().Select(e => e.Clone()).ToList();
            var diffs = ReferenceComparer.Compare(name, theirs, ours, deterministic).ToList();
            var byId = ours.GroupBy(o => o.GetProperty("id").GetString()!).ToDictionary(g => g.Key, g => g.First());
            var extras = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var diff in diffs.Where(d => d.Property != "object_refs" || d.Type is not ("report" or "grouping")))
            {
                var category = DocumentedDifferences.Classify(diff, byId, diffs.Where(d => d.Id == diff.Id).ToList());
                Record(diff, category);
                if (category is not null && diff.Key.StartsWith("extra ", StringComparison.Ordinal))
                {
                    extras[diff.Id] = category;
                }
            }

            foreach (var diff in diffs.Where(d => d.Property == "object_refs" && d.Type is "report" or "grouping"))
            {
                Record(diff, DocumentedDifferences.ClassifyRefs(diff, extras, byId, DocumentedDifferences.NarrowerUuids(input)));
            }
        }

        Assert.Equal(45, files);
        Assert.True(invalid.Count == 0, "Every object converted must be valid STIX and nothing rejected:\n" + string.Join('\n', invalid.Take(30)));
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} difference(s) from misp-stix are not among the deliberate ones in {DocumentedDifferences.Doc}:\n" + string.Join('\n', unexplained.Take(30)));
        Assert.Equal(DocumentedDifferences.Seen().Order(), found.Keys.Order());

        void Record(ReferenceDiff diff, string? category)
        {
            if (category is null)
            {
                unexplained.Add(diff);
            }
            else
            {
                found[category] = found.GetValueOrDefault(category) + 1;
            }
        }
    }
}
