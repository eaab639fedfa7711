using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Validation;
using Concord.Testing;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>
/// Inputs on which the validator and the OASIS schemas knowingly differ, pinned so that the difference stays a
/// decision: each case names the STIX 2.1 clause the validator follows.
/// </summary>
public class DocumentedDisagreementTests
{
    private static readonly Lazy<StixSchemas> Schemas = new(() => new StixSchemas(SharedData.Path("stix2.1", "schemas")));

    public static TheoryData<string, string, bool, string> Cases() => new()
    {
        // 3.2 spec_version: "for objects defined in this specification, the value MUST be 2.1"; the schema also allows 2.0.
        { "malware", """{"spec_version":"2.0"}""", true, StixRules.SpecVersion },

        // 3.2 timestamps are RFC 3339; RFC 3339 5.7 rejects February 30, which the schema's regex lets through.
        { "malware", """{"modified":"2016-02-30T20:03:48.000Z"}""", true, StixRules.TimestampFormat },

        // 7.2.3 granular markings: lang MUST be present if marking_ref is not; the schema requires marking_ref always.
        { "indicator", """{"granular_markings":[{"selectors":["name"],"lang":"en"}]}""", false, "" },

        // 11.1 custom property names MUST use only a-z, 0-9 and _; the schema's unanchored pattern accepts "abcDEF".
        { "malware", """{"x_abcDEF":1}""", true, StixRules.CustomPropertyName },

        // 5.2 sighting_of_ref "MUST reference an SDO"; the schema only excludes SROs, bundles and two meta objects.
        { "sighting", """{"sighting_of_ref":"ipv4-addr--efcd5e80-570d-4131-b213-62cb18eaa6a8"}""", true, StixRules.ReferenceType },

        // 6.1 artifact mime_type "SHOULD be an IANA registered MIME type" (only a SHOULD); the schema's pattern makes it a MUST.
        { "artifact", """{"mime_type":"zzz"}""", false, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_DeliberateDifference_FollowsTheSpecification(string sample, string patch, bool schemaAccepts, string validatorRule)
    {
        var obj = Stix.Sample(sample);
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            obj[key] = value?.DeepClone();
        }

        using var document = JsonDocument.Parse(obj.ToJsonString());
        Assert.Equal(schemaAccepts, Schemas.Value.IsValid(document.RootElement));
        var result = StixValidator.Validate(document.RootElement, Stix.TableOptions);
        if (validatorRule.Length == 0)
        {
            Stix.Clean(result);
        }
        else
        {
            Assert.Contains(result.Errors, e => e.Rule == validatorRule);
        }
    }
}
