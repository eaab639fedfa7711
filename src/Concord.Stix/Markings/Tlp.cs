namespace Concord.Stix.Markings;

/// <summary>
/// Traffic Light Protocol 2.0 levels, declared from least to most restrictive so that comparing values
/// (<c>a &gt; b</c>, <c>Max</c>) picks the stricter one. TLP 1.0 WHITE maps to <see cref="Clear"/>.
/// </summary>
public enum Tlp
{
    /// <summary>TLP:CLEAR — no restriction on disclosure (TLP 1.0: WHITE).</summary>
    Clear,

    /// <summary>TLP:GREEN — the recipient's community.</summary>
    Green,

    /// <summary>TLP:AMBER — the recipient's organisation and its clients, on a need-to-know basis.</summary>
    Amber,

    /// <summary>TLP:AMBER+STRICT — the recipient's organisation only.</summary>
    AmberStrict,

    /// <summary>TLP:RED — the named recipients only.</summary>
    Red,
}

/// <summary>The TLP found among an object's marking references.</summary>
/// <param name="Tlp">The most restrictive TLP level referenced, or null when no TLP marking is referenced.</param>
/// <param name="OtherMarkingRefs">
/// References that are not TLP marking definitions (statements, custom markings), in input order; the caller decides
/// what they mean, nothing is guessed from them.
/// </param>
public sealed record TlpResult(Tlp? Tlp, IReadOnlyList<string> OtherMarkingRefs);
