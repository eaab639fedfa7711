using Concord.Stix.Validation.Values;
using static Concord.Stix.Validation.Specs.CommonShapes;
using V = Concord.Stix.Validation.Specs.Vocabularies;

namespace Concord.Stix.Validation.Specs;

/// <summary>The STIX Domain Objects (STIX 4) and Relationship Objects (STIX 5) as property tables.</summary>
internal static class DomainObjects
{
    private static readonly StringSpec S = StringSpec.Instance;
    private static readonly TimestampSpec T = TimestampSpec.Any;
    private static readonly ListSpec AnyRefs = Refs(RefTargets.Any);

    public static IEnumerable<ObjectSpec> All()
    {
        yield return Sdo("attack-pattern", [new("name", S, true), new("description", S), new("aliases", Strings), new("kill_chain_phases", KillChainPhases)]);
        yield return Sdo("campaign", [new("name", S, true), new("description", S), new("aliases", Strings), new("first_seen", T), new("last_seen", T), new("objective", S)],
            Rules.Ordered("first_seen", "last_seen"));
        yield return Sdo("course-of-action", [new("name", S, true), new("description", S)]);
        yield return Sdo("grouping", [new("name", S), new("description", S), new("context", V.GroupingContext, true), new("object_refs", AnyRefs, true)]);
        yield return Sdo("identity", [new("name", S, true), new("description", S), new("roles", Strings), new("identity_class", V.IdentityClass),
            new("sectors", Open(V.IndustrySector)), new("contact_information", S)]);
        yield return Sdo("incident", [new("name", S, true), new("description", S), new("kill_chain_phases", KillChainPhases)]);
        yield return Sdo("indicator", [new("name", S), new("description", S), new("indicator_types", Open(V.IndicatorType)), new("pattern", S, true),
            new("pattern_type", V.PatternType, true), new("pattern_version", S), new("valid_from", T, true), new("valid_until", T), new("kill_chain_phases", KillChainPhases)],
            Rules.Ordered("valid_from", "valid_until", strict: true));
        yield return Sdo("infrastructure", [new("name", S, true), new("description", S), new("infrastructure_types", Open(V.InfrastructureType)), new("aliases", Strings),
            new("kill_chain_phases", KillChainPhases), new("first_seen", T), new("last_seen", T)], Rules.Ordered("first_seen", "last_seen"));
        yield return Sdo("intrusion-set", [new("name", S, true), new("description", S), new("aliases", Strings), new("first_seen", T), new("last_seen", T),
            new("goals", Strings), new("resource_level", V.AttackResourceLevel), new("primary_motivation", V.AttackMotivation),
            new("secondary_motivations", Open(V.AttackMotivation))], Rules.Ordered("first_seen", "last_seen"));
        yield return Sdo("location", [new("name", S), new("description", S), new("latitude", new NumberSpec(-90, 90)), new("longitude", new NumberSpec(-180, 180)),
            new("precision", NumberSpec.Any), new("region", V.Region), new("country", S), new("administrative_area", S), new("city", S),
            new("street_address", S), new("postal_code", S)],
            Rules.AtLeastOne("region", "country", "latitude"), Rules.Requires("latitude", "longitude"), Rules.Requires("longitude", "latitude"),
            Rules.Requires("precision", "latitude", "longitude"));
        yield return Sdo("malware", [new("name", S), new("description", S), new("malware_types", Open(V.MalwareType)), new("is_family", BooleanSpec.Instance, true),
            new("aliases", Strings), new("kill_chain_phases", KillChainPhases), new("first_seen", T), new("last_seen", T),
            new("operating_system_refs", Refs(RefTargets.Only("software"))), new("architecture_execution_envs", Open(V.ProcessorArchitecture)),
            new("implementation_languages", Open(V.ImplementationLanguage)), new("capabilities", Open(V.MalwareCapabilities)),
            new("sample_refs", Refs(RefTargets.Only("artifact", "file")))],
            Rules.Ordered("first_seen", "last_seen"), Rules.When("is_family", true, Rules.Present("name", "when is_family is true")));
        yield return Sdo("malware-analysis", [new("product", S, true), new("version", S), new("host_vm_ref", Ref("software")), new("operating_system_ref", Ref("software")),
            new("installed_software_refs", Refs(RefTargets.Only("software"))), new("configuration_version", S), new("modules", Strings),
            new("analysis_engine_version", S), new("analysis_definition_version", S), new("submitted", T), new("analysis_started", T),
            new("analysis_ended", T), new("result_name", S), new("result", V.MalwareResult), new("analysis_sco_refs", Refs(RefTargets.CyberObservable)),
            new("sample_ref", Ref("file", "network-traffic", "artifact"))],
            Rules.AtLeastOne("result", "analysis_sco_refs"), Rules.Ordered("analysis_started", "analysis_ended"));
        yield return Sdo("note", [new("abstract", S), new("content", S, true), new("authors", Strings), new("object_refs", AnyRefs, true)]);
        yield return Sdo("observed-data", [new("first_observed", T, true), new("last_observed", T, true),
            new("number_observed", new IntegerSpec(1, 999_999_999), true), new("objects", new DictionarySpec(EmbeddedObjectSpec.Instance)),
            new("object_refs", Refs(RefTargets.Any))],
            Rules.Ordered("first_observed", "last_observed"), Rules.ExactlyOne("objects", "object_refs"), ObservedDataRefs);
        yield return Sdo("opinion", [new("explanation", S), new("authors", Strings), new("opinion", V.Opinion, true), new("object_refs", AnyRefs, true)]);
        yield return Sdo("report", [new("name", S, true), new("description", S), new("report_types", Open(V.ReportType)), new("published", T, true),
            new("object_refs", AnyRefs, true)]);
        yield return Sdo("threat-actor", [new("name", S, true), new("description", S), new("threat_actor_types", Open(V.ThreatActorType)), new("aliases", Strings),
            new("first_seen", T), new("last_seen", T), new("roles", Open(V.ThreatActorRole)), new("goals", Strings),
            new("sophistication", V.ThreatActorSophistication), new("resource_level", V.AttackResourceLevel),
            new("primary_motivation", V.AttackMotivation), new("secondary_motivations", Open(V.AttackMotivation)),
            new("personal_motivations", Open(V.AttackMotivation))], Rules.Ordered("first_seen", "last_seen"));
        yield return Sdo("tool", [new("name", S, true), new("description", S), new("tool_types", Open(V.ToolType)), new("aliases", Strings),
            new("kill_chain_phases", KillChainPhases), new("tool_version", S)]);
        yield return Sdo("vulnerability", [new("name", S, true), new("description", S)]);

        yield return Sdo("relationship", [new("relationship_type", Formats.RelationshipType, true), new("description", S),
            new("source_ref", new IdentifierSpec(RefTargets.DomainOrObservable), true), new("target_ref", new IdentifierSpec(RefTargets.DomainOrObservable), true),
            new("start_time", T), new("stop_time", T)], Rules.Ordered("start_time", "stop_time", strict: true));
        yield return Sdo("sighting", [new("description", S), new("first_seen", T), new("last_seen", T), new("count", new IntegerSpec(0, 999_999_999)),
            new("sighting_of_ref", new IdentifierSpec(RefTargets.DomainObject), true), new("observed_data_refs", Refs(RefTargets.Only("observed-data"))),
            new("where_sighted_refs", Refs(RefTargets.Only("identity", "location"))), new("summary", BooleanSpec.Instance)],
            Rules.Ordered("first_seen", "last_seen"));
    }

    /// <summary>A custom object type (STIX 11.2): the SDO common properties, its own properties free-form.</summary>
    public static ObjectSpec CustomDomainObject { get; } = new("a custom object", CommonProperties.DomainObject(), UnknownProperties.CustomObject,
        CommonProperties.ModifiedNotBeforeCreated);

    private static ObjectSpec Sdo(string type, PropertySpec[] specific, params ObjectRule[] rules) =>
        new(type, [.. CommonProperties.DomainObject(), .. specific], UnknownProperties.Custom, [CommonProperties.ModifiedNotBeforeCreated, ExtensionRules.NoNewObjectOnStandardType, .. rules]);

    // STIX 4.14: object_refs of observed-data point at SCOs and SROs only (the OASIS schema says the same).
    private static void ObservedDataRefs(System.Text.Json.JsonElement obj, ValidationContext context)
    {
        if (!obj.TryGetProperty("object_refs"u8, out var refs) || refs.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var item in refs.EnumerateArray())
        {
            if (item.ValueKind == System.Text.Json.JsonValueKind.String && StixSyntax.TrySplitIdentifier(JsonText.Value(item), out var type)
                && !RefTargets.CyberObservable.Allows(type) && !type.SequenceEqual("relationship"u8) && !type.SequenceEqual("sighting"u8))
            {
                context.Push("object_refs");
                context.Push(index);
                context.Error(StixRules.ReferenceType, $"'{item.GetString()}': observed-data object_refs MUST reference SCOs or SROs.");
                context.Pop();
                context.Pop();
            }

            index++;
        }
    }
}
