namespace Concord.Stix.Validation;

/// <summary>
/// The rules that run after the type table on every validation unless the caller passes its own list. This is the
/// seam for checks owned elsewhere in the library: the STIX pattern-syntax rule (indicator <c>pattern</c> when
/// <c>pattern_type</c> is <c>stix</c>) and the deterministic SCO id rule (UUIDv5 over the ID-contributing
/// properties).
/// </summary>
internal static class PluggedRules
{
    public static IReadOnlyList<IStixValidationRule> All { get; } = [new Rules.PatternSyntaxRule(), new Rules.DeterministicScoIdRule()];
}
