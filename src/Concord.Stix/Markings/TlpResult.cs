namespace Concord.Stix.Markings;

/// <summary>The TLP found among an object's marking references.</summary>
/// <param name="Tlp">The most restrictive TLP level referenced, or null when no TLP marking is referenced.</param>
/// <param name="OtherMarkingRefs">
/// References that are not TLP marking definitions (statements, custom markings), in input order; the caller decides
/// what they mean, nothing is guessed from them.
/// </param>
/// <param name="FromGranularMarking">
/// True when <paramref name="Tlp"/> comes from a granular marking: no object-level marking is as restrictive.
/// </param>
public sealed record TlpResult(Tlp? Tlp, IReadOnlyList<string> OtherMarkingRefs, bool FromGranularMarking = false);
