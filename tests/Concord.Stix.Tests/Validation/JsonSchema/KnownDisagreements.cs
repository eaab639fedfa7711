using System.Text.Json.Nodes;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>
/// Where the validator deliberately differs from the OASIS schemas on a mutation, each case with the clause of the
/// STIX 2.1 specification that justifies the validator. Anything not explained here fails the agreement test.
/// </summary>
internal static class KnownDisagreements
{
    public static bool Explains(string mutation, JsonObject obj, bool schemaValid, StixValidationResult result)
    {
        var schemaRules = result.Errors.Where(e => StixRules.IsSchemaLevel(e.Rule)).Select(e => (e.Rule, e.Path)).ToList();

        // STIX 2.9: "type--UUID, where type is the exact value of the type property". The schemas validate an unknown
        // type with core.json / cyber-observable-core.json, which never compare the id prefix with type. An unknown
        // type without extensions is a custom object (STIX 11.2), which needs created/modified/spec_version like an SDO
        // (the schemas would fall back to cyber-observable-core.json, which needs neither).
        var customType = obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && !StixTypes.IsStandard(name);
        if ((mutation == "type enum changed" || customType) && schemaValid
            && schemaRules.All(r => r.Rule == StixRules.IdTypeMismatch || (r.Rule == StixRules.Required && r.Path is "$.created" or "$.modified" or "$.spec_version")))
        {
            return true;
        }

        // STIX 2.5 only constrains external_id for the capec and cve sources. The schema's oneOf also rejects a
        // reference from any other source whose external_id happens to look like CAPEC-n or CVE-y-n (ATT&CK-style
        // mirrors do this), which the specification allows.
        if (mutation.StartsWith("external_references.[0].source_name", StringComparison.Ordinal) && !schemaValid && schemaRules.Count == 0
            && obj["external_references"]?[0]?["external_id"] is JsonValue value && value.TryGetValue<string>(out var id) && (id.StartsWith("CAPEC-", StringComparison.Ordinal) || id.StartsWith("CVE-", StringComparison.Ordinal)))
        {
            return true;
        }

        // STIX 7.2.1.4: the four TLP 1.0 marking definitions MUST be exactly the published objects, definition
        // {"tlp": level} included; the schema's TLP branch leaves "tlp" optional.
        if (mutation.StartsWith("definition.tlp", StringComparison.Ordinal) && schemaValid && schemaRules.All(r => r.Rule == StixRules.TlpMarking))
        {
            return true;
        }

        return false;
    }
}
