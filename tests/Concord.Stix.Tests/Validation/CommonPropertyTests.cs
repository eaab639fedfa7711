using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class CommonPropertyTests
{
    [Fact]
    public void Validate_MissingCreated_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("indicator", o => o.Remove("created")), "required", "$.created");

    [Fact]
    public void Validate_MissingSpecVersionOnSdo_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("malware", o => o.Remove("spec_version")), "required", "$.spec_version");

    [Fact]
    public void Validate_MissingSpecVersionOnSco_IsAllowed() => Stix.Clean(Stix.Mutate("file", o => o.Remove("spec_version")));

    [Fact]
    public void Validate_SpecVersion20_ReportsSpecVersion() =>
        Stix.HasError(Stix.Mutate("malware", o => o["spec_version"] = "2.0"), "spec-version", "$.spec_version");

    [Fact]
    public void Validate_ModifiedBeforeCreated_ReportsError() =>
        Stix.HasError(Stix.Mutate("malware", o => o["modified"] = "2016-04-06T20:03:47.999Z"), "timestamp-order", "$.modified");

    [Fact]
    public void Validate_CreatedWithoutMilliseconds_ReportsPrecision() =>
        Stix.HasError(Stix.Mutate("malware", o => { o["created"] = "2016-04-06T20:03:48Z"; }), "timestamp-precision", "$.created");

    [Theory]
    [InlineData("2016-04-06 20:03:48.000Z")]
    [InlineData("2016-04-06T20:03:48.000")]
    [InlineData("2016-04-06T20:03:48.000+01:00")]
    [InlineData("2016-02-30T20:03:48.000Z")]
    public void Validate_BadTimestamp_ReportsTimestampFormat(string value) =>
        Stix.HasError(Stix.Mutate("malware", o => o["modified"] = value), "timestamp-format", "$.modified");

    [Fact]
    public void Validate_ConfidenceAbove100_ReportsValueRange() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["confidence"] = 101), "value-range", "$.confidence");

    [Fact]
    public void Validate_ConfidenceAsString_ReportsPropertyType() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["confidence"] = "high"), "property-type", "$.confidence");

    [Fact]
    public void Validate_RevokedNotBoolean_ReportsPropertyType() =>
        Stix.HasError(Stix.Mutate("malware", o => o["revoked"] = "yes"), "property-type", "$.revoked");

    [Fact]
    public void Validate_EmptyLabels_ReportsEmptyList() =>
        Stix.HasError(Stix.Mutate("malware", o => o["labels"] = new JsonArray()), "empty-list", "$.labels");

    [Fact]
    public void Validate_LabelNotString_ReportsPropertyTypeAtItem() =>
        Stix.HasError(Stix.Mutate("malware", o => o["labels"] = new JsonArray("a", 3)), "property-type", "$.labels[1]");

    [Fact]
    public void Validate_NullProperty_ReportsPropertyType() =>
        Stix.HasError(Stix.Mutate("malware", o => o["description"] = null), "property-type", "$.description");

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("zh-Hant-TW")]
    [InlineData("x-klingon")]
    public void Validate_LanguageTag_IsAccepted(string lang) => Stix.Clean(Stix.Mutate("indicator", o => o["lang"] = lang));

    [Theory]
    [InlineData("english language")]
    [InlineData("e")]
    [InlineData("en--US")]
    [InlineData("1en")]
    public void Validate_MalformedLang_ReportsLangFormat(string lang) =>
        Stix.HasError(Stix.Mutate("indicator", o => o["lang"] = lang), "lang-format", "$.lang");

    [Theory]
    [InlineData("severity")]
    [InlineData("username")]
    [InlineData("phone_number")]
    [InlineData("action")]
    public void Validate_ReservedPropertyName_ReportsError(string name) =>
        Stix.HasError(Stix.Mutate("malware", o => o[name] = "x"), "reserved-property", "$." + name);

    [Fact]
    public void Validate_NotAnObject_ReportsNotAnObject()
    {
        var result = Stix.Validate("[1,2]");
        Assert.Equal("not-an-object", Assert.Single(result.Issues).Rule);
    }
}
