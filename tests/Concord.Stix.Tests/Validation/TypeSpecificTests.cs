using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class TypeSpecificTests
{
    [Fact]
    public void Validate_IndicatorValidUntilNotAfterValidFrom_ReportsTimestampOrder() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["valid_until"] = "2016-01-01T00:00:00Z"), "timestamp-order", "$.valid_until");

    [Fact]
    public void Validate_IndicatorWithoutPattern_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("indicator", o => o.Remove("pattern")), "required", "$.pattern");

    [Fact]
    public void Validate_SightingLastSeenBeforeFirstSeen_ReportsTimestampOrder() =>
        Stix.HasError(Stix.Mutate("sighting", o => o["last_seen"] = "2015-12-21T18:59:59.999Z"), "timestamp-order", "$.last_seen");

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000_000)]
    public void Validate_SightingCountOutOfRange_ReportsValueRange(long count) =>
        Stix.HasError(Stix.Mutate("sighting", o => o["count"] = count), "value-range", "$.count");

    [Fact]
    public void Validate_SightingCountFraction_ReportsPropertyType() =>
        Stix.HasError(Stix.Mutate("sighting", o => o["count"] = 1.5), "property-type", "$.count");

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000_000)]
    public void Validate_NumberObservedOutOfRange_ReportsValueRange(long count) =>
        Stix.HasError(Stix.Mutate("observed-data", o => o["number_observed"] = count), "value-range", "$.number_observed");

    [Fact]
    public void Validate_ObservedDataWithObjectsAndObjectRefs_ReportsCombination() =>
        Stix.HasError(Stix.Mutate("observed-data", o => o["objects"] = new JsonObject { ["0"] = new JsonObject { ["type"] = "ipv4-addr", ["value"] = "10.0.0.1" } }),
            "property-combination", "$");

    [Fact]
    public void Validate_ObservedDataWithNeither_ReportsCombination() =>
        Stix.HasError(Stix.Mutate("observed-data", o => o.Remove("object_refs")), "property-combination", "$");

    [Fact]
    public void Validate_MalwareFamilyWithoutName_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("malware", o => o.Remove("name")), "required", "$.name");

    [Fact]
    public void Validate_MalwareInstanceWithoutName_IsAllowed() =>
        Stix.Clean(Stix.Mutate("malware", o => { o.Remove("name"); o["is_family"] = false; }));

    [Fact]
    public void Validate_LocationLatitudeWithoutLongitude_ReportsCombination() =>
        Stix.HasError(Stix.Mutate("location", o => o.Remove("longitude")), "property-combination", "$");

    [Fact]
    public void Validate_LocationLatitudeOutOfRange_ReportsValueRange() =>
        Stix.HasError(Stix.Mutate("location", o => o["latitude"] = 91), "value-range", "$.latitude");

    [Fact]
    public void Validate_LocationWithOnlyName_ReportsCombination() =>
        Stix.HasError(Stix.Mutate("location", o => { o.Remove("latitude"); o.Remove("longitude"); o.Remove("precision"); o["name"] = "x"; }), "property-combination", "$");

    [Fact]
    public void Validate_OpinionOutsideEnumeration_ReportsEnumValue()
    {
        const string json = """{"type":"opinion","spec_version":"2.1","id":"opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","opinion":"maybe","object_refs":["malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"]}""";
        Stix.HasError(Stix.Validate(json), "enum-value", "$.opinion");
    }

    [Fact]
    public void Validate_FileWithoutHashesOrName_ReportsCombination() =>
        Stix.HasError(Stix.Mutate("file", o => { o.Remove("hashes"); o.Remove("name"); }), "property-combination", "$");

    [Fact]
    public void Validate_FileNegativeSize_ReportsValueRange() =>
        Stix.HasError(Stix.Mutate("file", o => o["size"] = -1), "value-range", "$.size");

    [Fact]
    public void Validate_ArtifactWithPayloadAndUrl_ReportsCombination()
    {
        const string json = """{"type":"artifact","spec_version":"2.1","id":"artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641","payload_bin":"aGVsbG8=","url":"https://example.com/x","hashes":{"MD5":"5d41402abc4b2a76b9719d911017c592"}}""";
        Stix.HasError(Stix.Validate(json), "property-combination", "$");
    }

    [Fact]
    public void Validate_ArtifactBadBase64_ReportsBinaryFormat()
    {
        const string json = """{"type":"artifact","spec_version":"2.1","id":"artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641","payload_bin":"not base64!"}""";
        Stix.HasError(Stix.Validate(json), "binary-format", "$.payload_bin");
    }

    [Fact]
    public void Validate_ProcessWithOnlyCommonProperties_ReportsCombination()
    {
        const string json = """{"type":"process","spec_version":"2.1","id":"process--f52a906a-0dfc-40bd-92f1-e7778ead38a9"}""";
        Stix.HasError(Stix.Validate(json), "property-combination", "$");
    }

    [Fact]
    public void Validate_MacAddressUppercase_ReportsValueFormat()
    {
        const string json = """{"type":"mac-addr","spec_version":"2.1","id":"mac-addr--65cfcf98-8a6e-5a1b-8f61-379ac4f92d00","value":"D2:FB:49:24:37:18"}""";
        Stix.HasError(Stix.Validate(json), "value-format", "$.value");
    }

    [Fact]
    public void Validate_NetworkTrafficWithoutEndpoints_ReportsCombination()
    {
        const string json = """{"type":"network-traffic","spec_version":"2.1","id":"network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d","protocols":["tcp"],"src_port":70000}""";
        var result = Stix.Validate(json);
        Stix.HasError(result, "property-combination", "$");
        Stix.HasError(result, "value-range", "$.src_port");
    }

    [Fact]
    public void Validate_EmailMultipartWithBody_ReportsCombination()
    {
        const string json = """{"type":"email-message","spec_version":"2.1","id":"email-message--0c57a381-2a17-5e61-8754-5ef96efb286c","is_multipart":true,"body":"hi"}""";
        Stix.HasError(Stix.Validate(json), "property-combination", "$.body");
    }

    [Fact]
    public void Validate_ExtensionDefinitionWithoutCreatedByRef_ReportsRequired()
    {
        const string json = """{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e","created":"2014-02-20T09:16:08.000Z","modified":"2014-02-20T09:16:08.000Z","name":"x","schema":"https://example.com/s.json","version":"1.0","extension_types":["property-extension"],"extension_properties":["a"]}""";
        var result = Stix.Validate(json);
        Stix.HasError(result, "required", "$.created_by_ref");
        Stix.HasError(result, "property-combination", "$.extension_properties");
    }

    [Fact]
    public void Validate_LanguageContentPointingAtBundle_ReportsReferenceType()
    {
        const string json = """{"type":"language-content","spec_version":"2.1","id":"language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d","created":"2017-02-08T21:31:22.007Z","modified":"2017-02-08T21:31:22.007Z","object_ref":"bundle--b86bd89f-98bb-4fa9-8cb2-9ad421da981d","contents":{"de":{"name":"Bedrohungsakteurgruppe 1"}}}""";
        Stix.HasError(Stix.Validate(json), "reference-type", "$.object_ref");
    }
}
