using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class MarkingTests
{
    [Fact]
    public void Validate_SelectorToMissingProperty_ReportsUnresolved() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["granular_markings"]![0]!["selectors"]![0] = "description"), "selector-unresolved", "$.granular_markings[0].selectors[0]");

    [Fact]
    public void Validate_SelectorIndexOutOfRange_ReportsUnresolved() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["granular_markings"]![0]!["selectors"]![0] = "kill_chain_phases.[3]"), "selector-unresolved", "$.granular_markings[0].selectors[0]");

    [Fact]
    public void Validate_SelectorWithBadSyntax_ReportsSyntax() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["granular_markings"]![0]!["selectors"]![0] = "kill_chain_phases[0]"), "selector-syntax", "$.granular_markings[0].selectors[0]");

    [Fact]
    public void Validate_GranularMarkingWithLangAndRef_ReportsTarget() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["granular_markings"]![0]!["lang"] = "en"), "granular-marking-target", "$.granular_markings[0]");

    [Fact]
    public void Validate_GranularMarkingWithLangOnly_IsAllowed() =>
        Stix.Clean(Stix.Mutate("indicator", o => { var m = o["granular_markings"]![0]!.AsObject(); m.Remove("marking_ref"); m["lang"] = "de"; }));

    [Fact]
    public void Validate_GranularMarkingWithoutSelectors_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["granular_markings"]![0]!.AsObject().Remove("selectors")), "required", "$.granular_markings[0].selectors");

    [Fact]
    public void Validate_TlpWithUnknownId_ReportsTlpMarking() =>
        Stix.HasError(Stix.Mutate("marking-definition", o => o["id"] = "marking-definition--0e1c5c67-8a0d-4b2f-9c77-6a2b5f3e9d10"), "tlp-marking", "$.id");

    [Fact]
    public void Validate_TlpGreenWithRedDefinition_ReportsTlpMarking() =>
        Stix.HasError(Stix.Mutate("marking-definition", o => o["definition"] = new JsonObject { ["tlp"] = "red" }), "tlp-marking", "$.definition");

    [Fact]
    public void Validate_StatementWithoutStatement_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("marking-definition", o =>
        {
            o["id"] = "marking-definition--0e1c5c67-8a0d-4b2f-9c77-6a2b5f3e9d10";
            o["definition_type"] = "statement";
            o["definition"] = new JsonObject { ["text"] = "x" };
            o.Remove("name");
        }), "required", "$.definition.statement");

    [Fact]
    public void Validate_MarkingWithoutBody_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("marking-definition", o => { o.Remove("definition"); o.Remove("definition_type"); }), "required", "$.definition_type");

    [Fact]
    public void Validate_Tlp2Marking_IsAccepted()
    {
        const string json = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb","created":"2022-10-01T00:00:00.000Z","name":"TLP:GREEN","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"green"}}}""";
        Stix.Clean(Stix.Validate(json));
    }

    [Fact]
    public void Validate_Tlp2IdWithWrongLevel_ReportsTlpMarking()
    {
        const string json = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb","created":"2022-10-01T00:00:00.000Z","name":"TLP:GREEN","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}""";
        Stix.HasError(Stix.Validate(json), "tlp-marking", "$.extensions");
    }

    [Fact]
    public void Validate_MarkingMarkingItself_ReportsSelfReference() =>
        Stix.HasError(Stix.Mutate("marking-definition", o => o["object_marking_refs"] = new JsonArray(Stix.TlpGreen)), "marking-self-reference", "$.object_marking_refs[0]");
}
