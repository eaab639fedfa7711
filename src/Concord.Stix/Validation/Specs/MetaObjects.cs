using Concord.Stix.Validation.Values;
using static Concord.Stix.Validation.Specs.CommonShapes;

namespace Concord.Stix.Validation.Specs;

/// <summary>The STIX Meta Objects (STIX 7): marking-definition, language-content, extension-definition.</summary>
internal static class MetaObjects
{
    private static readonly StringSpec S = StringSpec.Instance;

    // STIX 7.1: language content translates any STIX object, but not a bundle (not an object) or another translation.
    private static readonly RefTargets TranslatableObject = RefTargets.Except("any object but a bundle or language-content", "bundle", "language-content");

    public static IEnumerable<ObjectSpec> All()
    {
        // Marking definitions are never versioned, so they have created but no modified (STIX 7.2.1).
        yield return new("marking-definition",
        [
            new("type", S, true), new("spec_version", CommonProperties.SpecVersion21, true), new("id", IdentifierSpec.Any, true),
            new("created", TimestampSpec.Millis, true), new("created_by_ref", Ref("identity")), new("external_references", ExternalReferences),
            new("object_marking_refs", MarkingRefs), new("granular_markings", GranularMarkings), new("extensions", ExtensionsSpec.Default),
            new("name", S), new("definition_type", S), new("definition", new ObjectSpec("a marking definition body", [])),
        ], UnknownProperties.Custom, MarkingDefinitionRules.Check);

        // A bundle (STIX 8) is not an object, but it travels like one; its objects are validated one by one by the caller.
        yield return new("bundle",
        [
            new("type", S, true), new("id", IdentifierSpec.Any, true), new("objects", new ListSpec(new ObjectSpec("a STIX object", []))),
        ], UnknownProperties.Custom);

        yield return new("language-content",
        [
            .. CommonProperties.DomainObject(), new("object_ref", new IdentifierSpec(TranslatableObject), true),
            new("object_modified", TimestampSpec.Any), new("contents", new DictionarySpec(DictionarySpec.Any), true),
        ], UnknownProperties.Custom, CommonProperties.ModifiedNotBeforeCreated);

        yield return new("extension-definition",
        [
            .. CommonProperties.DomainObject(), new("created_by_ref", Ref("identity"), true), new("name", S, true), new("description", S),
            new("schema", S, true), new("version", S, true), new("extension_types", new ListSpec(Vocabularies.ExtensionType), true),
            new("extension_properties", Strings),
        ], UnknownProperties.Custom, CommonProperties.ModifiedNotBeforeCreated, ToplevelPropertiesNeedToplevelType);
    }

    // STIX 7.3: extension_properties lists the properties of a toplevel-property-extension and only makes sense there.
    private static void ToplevelPropertiesNeedToplevelType(System.Text.Json.JsonElement obj, ValidationContext context)
    {
        if (!obj.TryGetProperty("extension_properties"u8, out _) || !obj.TryGetProperty("extension_types"u8, out var types)
            || types.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return;
        }

        foreach (var type in types.EnumerateArray())
        {
            if (type.ValueKind == System.Text.Json.JsonValueKind.String && type.ValueEquals("toplevel-property-extension"u8))
            {
                return;
            }
        }

        context.ErrorAt("extension_properties", StixRules.PropertyCombination, "extension_properties MUST only be used when extension_types includes toplevel-property-extension.");
    }
}
