using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class ExternalReferenceTests
{
    private static Concord.Stix.Validation.StixValidationResult WithReference(JsonObject reference) =>
        Stix.Mutate("indicator", o => o["external_references"] = new JsonArray(reference));

    [Fact]
    public void Validate_ReferenceWithoutSourceName_ReportsRequired() =>
        Stix.HasError(WithReference(new JsonObject { ["url"] = "https://example.com" }), "required", "$.external_references[0].source_name");

    [Fact]
    public void Validate_ReferenceWithOnlySourceName_ReportsContent() =>
        Stix.HasError(WithReference(new JsonObject { ["source_name"] = "veris" }), "external-reference-content", "$.external_references[0]");

    [Theory]
    [InlineData("capec", "CAPEC-x")]
    [InlineData("capec", "163")]
    [InlineData("cve", "CVE-2016-12")]
    [InlineData("cve", "CVE-16-1234")]
    public void Validate_MalformedCapecOrCveId_ReportsExternalIdFormat(string source, string id) =>
        Stix.HasError(WithReference(new JsonObject { ["source_name"] = source, ["external_id"] = id }), "external-id-format", "$.external_references[0].external_id");

    [Theory]
    [InlineData("capec", "CAPEC-163")]
    [InlineData("cve", "CVE-2016-1234")]
    [InlineData("cve", "CVE-2021-44228")]
    public void Validate_WellFormedCapecOrCveId_IsAccepted(string source, string id) =>
        Stix.Clean(WithReference(new JsonObject { ["source_name"] = source, ["external_id"] = id }));

    [Fact]
    public void Validate_CapecWithoutExternalId_ReportsExternalIdFormat() =>
        Stix.HasError(WithReference(new JsonObject { ["source_name"] = "capec", ["url"] = "https://capec.mitre.org" }), "external-id-format", "$.external_references[0].external_id");
}
