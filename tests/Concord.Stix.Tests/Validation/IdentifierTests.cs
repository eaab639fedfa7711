namespace Concord.Stix.Tests.Validation;

public class IdentifierTests
{
    [Theory]
    [InlineData("malware--31b940d4-6f7f-459a-80ea-9c1f17b589")]
    [InlineData("malware-31b940d4-6f7f-459a-80ea-9c1f17b5891b")]
    [InlineData("malware--31b940d4-6f7f-659a-80ea-9c1f17b5891b")]
    [InlineData("malware--31b940d4-6f7f-459a-c0ea-9c1f17b5891b")]
    [InlineData("malware--31b940d4_6f7f-459a-80ea-9c1f17b5891b")]
    [InlineData("Malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b")]
    public void Validate_MalformedId_ReportsIdentifierFormat(string id) =>
        Stix.HasError(Stix.Mutate("malware", o => o["id"] = id), "identifier-format", "$.id");

    [Fact]
    public void Validate_IdOfAnotherType_ReportsMismatch() =>
        Stix.HasError(Stix.Mutate("malware", o => o["id"] = "tool--31b940d4-6f7f-459a-80ea-9c1f17b5891b"), "id-type-mismatch", "$.id");

    [Fact]
    public void Validate_MissingId_ReportsRequired() => Stix.HasError(Stix.Mutate("malware", o => o.Remove("id")), "required", "$.id");

    [Theory]
    [InlineData("Malware")]
    [InlineData("ma")]
    [InlineData("x--mitre")]
    [InlineData("x_mitre")]
    public void Validate_BadTypeName_ReportsTypeName(string type) =>
        Stix.HasError(Stix.Mutate("malware", o => o["type"] = type), "type-name", "$.type");

    [Fact]
    public void Validate_CustomObjectType_ValidatesCommonPropertiesOnly()
    {
        const string json = """{"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--2558fd61-8c75-4730-94c4-11926db2a263","created":"2018-10-17T00:14:20.652Z","modified":"2019-07-19T17:42:06.909Z","name":"Credential Access","x_mitre_shortname":"credential-access","tactic_refs":["x"]}""";
        Stix.Clean(Stix.Validate(json));
    }

    [Fact]
    public void Validate_CustomObjectWithoutCreated_ReportsRequired()
    {
        const string json = """{"type":"x-thing","spec_version":"2.1","id":"x-thing--2558fd61-8c75-4730-94c4-11926db2a263","modified":"2019-07-19T17:42:06.909Z"}""";
        Stix.HasError(Stix.Validate(json), "required", "$.created");
    }
}
