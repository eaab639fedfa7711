using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class PluggedRuleAllocationTests
{
    private sealed class NoOpRule : IStixValidationRule
    {
        public void Check(JsonElement stixObject, string type, StixIssueSink sink)
        {
        }
    }

    [Fact]
    public void Validate_WithPluggedRule_StillAllocatesNothingForStandardTypes()
    {
        var options = new StixValidationOptions { Rules = [new NoOpRule()] };
        using var document = JsonDocument.Parse(Stix.Sample("indicator").ToJsonString());
        for (var i = 0; i < 50; i++)
        {
            StixValidator.Validate(document.RootElement, options);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        StixValidator.Validate(document.RootElement, options);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
