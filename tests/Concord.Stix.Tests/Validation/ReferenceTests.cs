namespace Concord.Stix.Tests.Validation;

public class ReferenceTests
{
    [Fact]
    public void Validate_CreatedByRefNotIdentity_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["created_by_ref"] = Stix.MalwareId), "reference-type", "$.created_by_ref");

    [Fact]
    public void Validate_RelationshipTargetIsRelationship_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("relationship", o => o["target_ref"] = "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad"), "reference-type", "$.target_ref");

    [Fact]
    public void Validate_RelationshipToCustomObject_IsAllowed() =>
        Stix.Clean(Stix.Mutate("relationship", o => o["target_ref"] = "x-mitre-tactic--2558fd61-8c75-4730-94c4-11926db2a263"));

    [Fact]
    public void Validate_RelationshipTypeWithUppercase_ReportsValueFormat() =>
        Stix.HasError(Stix.Mutate("relationship", o => o["relationship_type"] = "Uses"), "value-format", "$.relationship_type");

    [Fact]
    public void Validate_SightingOfAnObservable_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("sighting", o => o["sighting_of_ref"] = "ipv4-addr--efcd5e80-570d-4131-b213-62cb18eaa6a8"), "reference-type", "$.sighting_of_ref");

    [Fact]
    public void Validate_WhereSightedIsMalware_ReportsReferenceTypeAtItem() =>
        Stix.HasError(Stix.Mutate("sighting", o => o["where_sighted_refs"]!.AsArray().Add(Stix.MalwareId)), "reference-type", "$.where_sighted_refs[1]");

    [Fact]
    public void Validate_ObservedDataRefsNotObservedData_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("sighting", o => o["observed_data_refs"]![0] = Stix.MalwareId), "reference-type", "$.observed_data_refs[0]");

    [Fact]
    public void Validate_ObservedDataReferencingSdo_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("observed-data", o => o["object_refs"]![0] = Stix.MalwareId), "reference-type", "$.object_refs[0]");

    [Fact]
    public void Validate_ObjectMarkingRefNotMarking_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["object_marking_refs"]![0] = Stix.IdentityId), "reference-type", "$.object_marking_refs[0]");

    [Fact]
    public void Validate_SampleRefsToUrl_ReportsReferenceType() =>
        Stix.HasError(Stix.Mutate("malware", o => o["sample_refs"] = new System.Text.Json.Nodes.JsonArray("url--2d3e0a3e-6b7f-5d1c-9c3a-7a2e2c7f0d11")), "reference-type", "$.sample_refs[0]");
}
