namespace Concord.Stix.Tests.Validation;

public class SamplesTests
{
    [Theory]
    [InlineData("indicator")]
    [InlineData("malware")]
    [InlineData("relationship")]
    [InlineData("sighting")]
    [InlineData("observed-data")]
    [InlineData("file")]
    [InlineData("marking-definition")]
    [InlineData("location")]
    public void Validate_WellFormedSample_ReportsNothing(string type) => Stix.Clean(Stix.Validate(Stix.Sample(type)));
}
