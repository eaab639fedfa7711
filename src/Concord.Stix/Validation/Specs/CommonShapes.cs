using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>The nested shapes every object type shares (STIX 2.5, 2.8, 7.2.3).</summary>
internal static class CommonShapes
{
    public static readonly ObjectSpec KillChainPhase = new("a kill-chain phase",
    [
        new("kill_chain_name", Formats.KillChainName, Required: true),
        new("phase_name", Formats.KillChainName, Required: true),
    ]);

    public static readonly ObjectSpec ExternalReference = new("an external reference",
    [
        new("source_name", StringSpec.Instance, Required: true),
        new("description", StringSpec.Instance),
        new("url", StringSpec.Instance),
        new("hashes", HashesSpec.Instance),
        new("external_id", StringSpec.Instance),
    ], UnknownProperties.Allow, ExternalReferenceRules.Check);

    public static readonly ObjectSpec GranularMarking = new("a granular marking",
    [
        new("selectors", new ListSpec(StringSpec.Instance), Required: true),
        new("marking_ref", new IdentifierSpec(RefTargets.Only("marking-definition"))),
        new("lang", Formats.Lang),
    ], UnknownProperties.Allow, GranularMarkingRules.Check);

    public static readonly ListSpec KillChainPhases = new(KillChainPhase);
    public static readonly ListSpec ExternalReferences = new(ExternalReference);
    public static readonly ListSpec GranularMarkings = new(GranularMarking);
    public static readonly ListSpec Strings = new(StringSpec.Instance);
    public static readonly ListSpec MarkingRefs = new(new IdentifierSpec(RefTargets.Only("marking-definition")));

    public static ListSpec Refs(RefTargets targets) => new(new IdentifierSpec(targets));

    public static IdentifierSpec Ref(params string[] types) => new(RefTargets.Only(types));

    public static ListSpec Open(VocabularySpec vocabulary) => new(vocabulary);
}
