using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class HashesTests
{
    private static Concord.Stix.Validation.StixValidationResult WithHashes(JsonObject hashes) => Stix.Mutate("file", o => o["hashes"] = hashes);

    [Theory]
    [InlineData("MD5", "5d41402abc4b2a76b9719d911017c59")]
    [InlineData("SHA-1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434")]
    [InlineData("SHA-256", "zz")]
    [InlineData("SHA-512", "5d41402abc4b2a76b9719d911017c592")]
    public void Validate_HashOfWrongLength_ReportsHashValue(string algorithm, string value) =>
        Stix.HasError(WithHashes(new JsonObject { [algorithm] = value }), "hash-value", $"$.hashes['{algorithm}']".Replace("['MD5']", ".MD5", StringComparison.Ordinal));

    [Fact]
    public void Validate_CustomHashAlgorithm_ReportsWarningOnly()
    {
        var result = WithHashes(new JsonObject { ["x_imphash"] = "abc" });
        Stix.HasWarning(result, "hash-algorithm", "$.hashes.x_imphash");
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_EmptyHashes_ReportsEmptyDictionary() => Stix.HasError(WithHashes([]), "empty-dictionary", "$.hashes");

    [Fact]
    public void Validate_HashValueNotString_ReportsPropertyType() =>
        Stix.HasError(WithHashes(new JsonObject { ["MD5"] = 5 }), "property-type", "$.hashes.MD5");
}
