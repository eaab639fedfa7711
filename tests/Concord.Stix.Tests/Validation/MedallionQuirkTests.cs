using System.Text.Json;
using Concord.Stix.Validation;
using Concord.Testing;

namespace Concord.Stix.Tests.Validation;

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
