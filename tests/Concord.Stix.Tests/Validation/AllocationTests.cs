using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

/// <summary>
/// The type table's valid path allocates nothing once warm: the issue list is created lazily, names are looked up as
/// spans. The plugged-in rules are left out here: parsing a pattern or hashing an SCO's canonical form allocates by nature.
/// </summary>
public class AllocationTests
{
    [Theory]
    [InlineData("indicator")]
    [InlineData("relationship")]
    [InlineData("sighting")]
    [InlineData("file")]
    [InlineData("location")]
    public void Validate_ValidObject_AllocatesNothingOnceWarm(string type)
    {
        using var document = JsonDocument.Parse(Stix.Sample(type).ToJsonString());
        var element = document.RootElement;
        var tableOnly = StixValidationOptions.Default with { Rules = [] };
        for (var i = 0; i < 50; i++)
        {
            StixValidator.Validate(element, tableOnly);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = StixValidator.Validate(element, tableOnly);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(StixValidationResult.Valid, result);
        Assert.Equal(0, allocated);
    }
}
