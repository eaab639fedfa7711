using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>The common properties of each object family (STIX 3.2 summary table) and the rules they carry.</summary>
internal static class CommonProperties
{
    public static readonly StringSpec SpecVersion21 = new(s => s.SequenceEqual("2.1"u8), StixRules.SpecVersion, "\"2.1\"");

    public static readonly ObjectRule ModifiedNotBeforeCreated = Rules.Ordered("created", "modified");

    /// <summary>SDOs and SROs: created/modified required, with millisecond precision.</summary>
    public static PropertySpec[] DomainObject(ExtensionsSpec? extensions = null) =>
    [
        new("type", StringSpec.Instance, Required: true),
        new("spec_version", SpecVersion21, Required: true),
        new("id", IdentifierSpec.Any, Required: true),
        new("created", TimestampSpec.Millis, Required: true),
        new("modified", TimestampSpec.Millis, Required: true),
        new("created_by_ref", CommonShapes.Ref("identity")),
        new("revoked", BooleanSpec.Instance),
        new("labels", CommonShapes.Strings),
        new("confidence", new IntegerSpec(0, 100)),
        new("lang", Formats.Lang),
        new("external_references", CommonShapes.ExternalReferences),
        new("object_marking_refs", CommonShapes.MarkingRefs),
        new("granular_markings", CommonShapes.GranularMarkings),
        new("extensions", extensions ?? ExtensionsSpec.Default),
    ];

    /// <summary>SCOs: no created/modified; spec_version optional (defaults to 2.1).</summary>
    public static PropertySpec[] Observable(ExtensionsSpec? extensions = null) =>
    [
        new("type", StringSpec.Instance, Required: true),
        new("spec_version", SpecVersion21),
        new("id", IdentifierSpec.Any, Required: true),
        new("object_marking_refs", CommonShapes.MarkingRefs),
        new("granular_markings", CommonShapes.GranularMarkings),
        new("defanged", BooleanSpec.Instance),
        new("extensions", extensions ?? ExtensionsSpec.Default),
    ];
}
