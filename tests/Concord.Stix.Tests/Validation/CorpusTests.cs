using System.Text.Json;
using Concord.Stix.Tests.Corpus;
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
                if (obj.GetProperty("id").ValueEquals(CorpusTypos.PoisonIvyDomainWithSpace))
                {
                    Assert.Equal("pattern-value", Assert.Single(result.Errors).Rule);
                    continue;
                }

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
