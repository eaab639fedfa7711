using System.Collections.Frozen;

namespace Concord.Stix.Markings;

/// <summary>
/// The fixed TLP marking definitions: TLP 1.0 from STIX 2.1 section 7.2.1.4 and TLP 2.0 from the OASIS CTI TC's
/// extension (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). Their ids never change, so
/// the ids alone identify the level; the JSON is provided so a node can pre-load the published objects.
/// </summary>
public static class TlpMarkings
{
    /// <summary>The id of the TLP 2.0 property-extension definition used by the TLP 2.0 marking definitions.</summary>
    public const string Tlp2ExtensionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /// <summary>TLP 1.0 WHITE (STIX 2.1 section 7.2.1.4).</summary>
    public const string Tlp1WhiteId = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";

    /// <summary>TLP 1.0 GREEN.</summary>
    public const string Tlp1GreenId = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    /// <summary>TLP 1.0 AMBER.</summary>
    public const string Tlp1AmberId = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    /// <summary>TLP 1.0 RED.</summary>
    public const string Tlp1RedId = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    /// <summary>TLP 2.0 CLEAR.</summary>
    public const string ClearId = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    /// <summary>TLP 2.0 GREEN.</summary>
    public const string GreenId = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    /// <summary>TLP 2.0 AMBER.</summary>
    public const string AmberId = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

    /// <summary>TLP 2.0 AMBER+STRICT.</summary>
    public const string AmberStrictId = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

    /// <summary>TLP 2.0 RED.</summary>
    public const string RedId = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    private static readonly FrozenDictionary<string, Tlp> LevelById = new Dictionary<string, Tlp>(StringComparer.Ordinal)
    {
        [Tlp1WhiteId] = Tlp.Clear,
        [Tlp1GreenId] = Tlp.Green,
        [Tlp1AmberId] = Tlp.Amber,
        [Tlp1RedId] = Tlp.Red,
        [ClearId] = Tlp.Clear,
        [GreenId] = Tlp.Green,
        [AmberId] = Tlp.Amber,
        [AmberStrictId] = Tlp.AmberStrict,
        [RedId] = Tlp.Red,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every TLP 1.0 and 2.0 marking-definition id with its level.</summary>
    public static IReadOnlyDictionary<string, Tlp> All => LevelById;

    /// <summary>The TLP 2.0 marking-definition id for <paramref name="tlp"/>.</summary>
    public static string IdOf(Tlp tlp) => tlp switch
    {
        Tlp.Clear => ClearId,
        Tlp.Green => GreenId,
        Tlp.Amber => AmberId,
        Tlp.AmberStrict => AmberStrictId,
        Tlp.Red => RedId,
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP level."),
    };

    /// <summary>The label as written in TLP 2.0, e.g. <c>TLP:AMBER+STRICT</c>.</summary>
    public static string NameOf(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "TLP:CLEAR",
        Tlp.Green => "TLP:GREEN",
        Tlp.Amber => "TLP:AMBER",
        Tlp.AmberStrict => "TLP:AMBER+STRICT",
        Tlp.Red => "TLP:RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP level."),
    };

    /// <summary>The level a marking-definition id stands for, when it is one of the TLP 1.0 or 2.0 definitions.</summary>
    public static bool TryGetLevel(string markingDefinitionId, out Tlp tlp) => LevelById.TryGetValue(markingDefinitionId, out tlp);

    /// <summary>
    /// The most restrictive TLP among <paramref name="objectMarkingRefs"/> (TLP 1.0 WHITE counts as CLEAR), and the
    /// references that are not TLP definitions. Several TLP markings on one object are legal STIX; the strictest wins
    /// because sharing wider than any one of them would break that marking.
    /// </summary>
    public static TlpResult EffectiveTlp(IEnumerable<string> objectMarkingRefs)
    {
        ArgumentNullException.ThrowIfNull(objectMarkingRefs);
        Tlp? strictest = null;
        var others = new List<string>();
        foreach (var reference in objectMarkingRefs)
        {
            if (reference is not null && LevelById.TryGetValue(reference, out var level))
            {
                strictest = strictest is { } current && current >= level ? current : level;
            }
            else if (reference is not null)
            {
                others.Add(reference);
            }
        }

        return new TlpResult(strictest, others);
    }

    /// <summary>
    /// The TLP that governs the whole of <paramref name="stix"/>: the most restrictive TLP among its
    /// <c>object_marking_refs</c> and the <c>marking_ref</c>s of its <c>granular_markings</c> (TLP 1.0 and 2.0 alike).
    /// </summary>
    /// <remarks>
    /// Concord serves an object whole (REST, TAXII, UI, exports, correlation), so a part marked more restrictively than
    /// the rest would reach every reader of the rest. Taking the strictest marking anywhere in the object as its TLP is
    /// the one rule that is safe on every path at once; redacting marked parts per reader would have to be repeated, and
    /// could be forgotten, on each of them. Non-TLP references of both kinds are returned for the caller to judge.
    /// </remarks>
    public static TlpResult EffectiveTlp(StixObject stix)
    {
        ArgumentNullException.ThrowIfNull(stix);
        var whole = EffectiveTlp(stix.ObjectMarkingRefs);
        if (stix.GranularMarkingRefs.Count == 0)
        {
            return whole;
        }

        var parts = EffectiveTlp(stix.GranularMarkingRefs);
        var others = whole.OtherMarkingRefs.Concat(parts.OtherMarkingRefs).Distinct(StringComparer.Ordinal).ToList();
        return parts.Tlp is { } part && (whole.Tlp is not { } level || part > level)
            ? new TlpResult(part, others, FromGranularMarking: true)
            : whole with { OtherMarkingRefs = others };
    }

    /// <summary>The published JSON of the TLP 2.0 marking definition for <paramref name="tlp"/>.</summary>
    public static string JsonOf(Tlp tlp) => TlpMarkingJson.Tlp2(tlp);

    /// <summary>
    /// The published JSON of the TLP 1.0 marking definition for <paramref name="tlp"/>. TLP 1.0 had no AMBER+STRICT,
    /// and CLEAR is written as WHITE.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tlp"/> is <see cref="Tlp.AmberStrict"/>.</exception>
    public static string Tlp1JsonOf(Tlp tlp) => TlpMarkingJson.Tlp1(tlp);

    /// <summary>All nine TLP marking definitions (TLP 1.0 then 2.0) as JSON, for pre-loading a store.</summary>
    public static IReadOnlyList<string> AllJson { get; } =
    [
        TlpMarkingJson.Tlp1(Tlp.Clear), TlpMarkingJson.Tlp1(Tlp.Green), TlpMarkingJson.Tlp1(Tlp.Amber), TlpMarkingJson.Tlp1(Tlp.Red),
        TlpMarkingJson.Tlp2(Tlp.Clear), TlpMarkingJson.Tlp2(Tlp.Green), TlpMarkingJson.Tlp2(Tlp.Amber),
        TlpMarkingJson.Tlp2(Tlp.AmberStrict), TlpMarkingJson.Tlp2(Tlp.Red),
    ];
}
