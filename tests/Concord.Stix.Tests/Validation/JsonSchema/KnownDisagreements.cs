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
        var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : string.Empty;
        var property = mutation.Split(' ')[0];

        // STIX 2.9: "type--UUID, where type is the exact value of the type property". The schemas validate an unknown
        // type with core.json / cyber-observable-core.json, which never compare the id prefix with type. An unknown
        // type without extensions is a custom object (STIX 11.2), which needs created/modified/spec_version like an SDO
        // (the schemas would fall back to cyber-observable-core.json, which needs neither).
        if ((mutation == "type enum changed" || !StixTypes.IsStandard(type)) && schemaValid
            && schemaRules.All(r => r.Rule == StixRules.IdTypeMismatch || (r.Rule == StixRules.Required && r.Path is "$.created" or "$.modified" or "$.spec_version")))
        {
            return true;
        }

        // STIX 2.5 only constrains external_id for the capec and cve sources. The schema's oneOf also rejects a
        // reference from any other source whose external_id happens to look like CAPEC-n or CVE-y-n, which the
        // specification allows.
        if (property.StartsWith("external_references.[0].source_name", StringComparison.Ordinal) && !schemaValid && schemaRules.Count == 0
            && obj["external_references"]?[0]?["external_id"] is JsonValue value && value.TryGetValue<string>(out var id)
            && (id.StartsWith("CAPEC-", StringComparison.Ordinal) || id.StartsWith("CVE-", StringComparison.Ordinal)))
        {
            return true;
        }

        // STIX 7.2.1.4: the four TLP 1.0 marking definitions MUST be exactly the published objects, definition
        // {"tlp": level} included; the schema's TLP branch leaves "tlp" optional.
        if (property.StartsWith("definition.tlp", StringComparison.Ordinal) && schemaValid && schemaRules.All(r => r.Rule == StixRules.TlpMarking))
        {
            return true;
        }

        // STIX 6.x property tables type every SCO _ref/_refs property as "identifier" (2.9); the SCO schemas only say "string".
        if (StixTypes.CyberObservables.Contains(type) && (property.EndsWith("_ref", StringComparison.Ordinal) || property.Contains("_refs", StringComparison.Ordinal))
            && schemaValid && schemaRules.All(r => r.Rule == StixRules.IdentifierFormat))
        {
            return true;
        }

        // STIX 6.1: artifact mime_type "SHOULD be an IANA registered MIME type" - a SHOULD, which the schema's pattern turns into a MUST.
        if (type == "artifact" && property == "mime_type" && !schemaValid && schemaRules.Count == 0)
        {
            return true;
        }

        // STIX 7.1: each value of language-content contents is a dictionary of translated properties; the schema
        // accepts any JSON value there.
        if (type == "language-content" && property.StartsWith("contents.", StringComparison.Ordinal) && schemaValid
            && schemaRules.All(r => r.Rule == StixRules.PropertyType))
        {
            return true;
        }

        // STIX 6.12.1 gives byte and packet counts "as a positive integer"; the schema types them as plain integers.
        if (type == "network-traffic" && mutation.EndsWith(" negative", StringComparison.Ordinal)
            && property is "src_byte_count" or "dst_byte_count" or "src_packets" or "dst_packets"
            && schemaValid && schemaRules.All(r => r.Rule == StixRules.ValueRange))
        {
            return true;
        }

        // STIX 7.3 (extension-definition property table): created_by_ref is required; core.json leaves it optional.
        return type == "extension-definition" && mutation == "created_by_ref deleted" && schemaValid
            && schemaRules.SequenceEqual([(StixRules.Required, "$.created_by_ref")]);
    }
}
