using System.Text.Json;
using Concord.Stix.Validation;
using Concord.Testing;

namespace Concord.Stix.Tests.Validation;

public class CorpusTests
{
    public static TheoryData<string> Bundles() =>
    [
        "stix2.1/examples", "stix2.1/examples-cti-documentation", "attack/ics-attack-18.1.json", "attack/mobile-attack-17.1.json",
        "attack/enterprise-attack-18.1.reconstructed.json",
    ];

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Validate_EveryPublishedObject_HasNoErrors(string relative)
    {
        var path = SharedData.Path(relative.Split('/'));
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json", SearchOption.AllDirectories) : [path];
        var failures = new List<string>();
        var count = 0;
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var obj in CorpusObjects.Of(document.RootElement))
            {
                count++;
                var result = StixValidator.Validate(obj);
                failures.AddRange(result.Errors.Select(e => $"{Path.GetFileName(file)} {obj.GetProperty("id")}: {e}"));
            }
        }

        Assert.True(count > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}

internal static class CorpusObjects
{
    public static IEnumerable<JsonElement> Of(JsonElement root) =>
        root.TryGetProperty("objects", out var objects) ? objects.EnumerateArray() : [root];
}

public class MedallionQuirkTests
{
    // The data README notes one upstream quirk: a malware version in medallion's seed data has no spec_version.
    [Fact]
    public void Validate_MedallionSeedObjects_FlagOnlyTheMalwareWithoutSpecVersion()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("taxii2.1", "medallion-default_data.json")));
        var objects = document.RootElement.GetProperty("trustgroup1").GetProperty("collections")[2].GetProperty("objects");
        var failures = objects.EnumerateArray()
            .Select(o => (Id: o.GetProperty("id").GetString(), Errors: StixValidator.Validate(o).Errors.ToList()))
            .Where(r => r.Errors.Count > 0)
            .ToList();

        var failure = Assert.Single(failures);
        Assert.Equal("malware--c0931cc6-c75e-47e5-9036-78fabc95d4ec", failure.Id);
        Assert.Equal(("required", "$.spec_version"), (Assert.Single(failure.Errors).Rule, failure.Errors[0].Path));
    }
}
