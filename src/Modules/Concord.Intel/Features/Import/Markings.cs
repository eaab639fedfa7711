using Concord.Stix;

namespace Concord.Intel.Features.Import;

/// <summary>The TLP an object's marking references carry (the strictest wins).</summary>
internal static class Markings
{
    private static readonly Dictionary<string, Tlp> Levels = new(StringComparer.Ordinal)
    {
        ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"] = Tlp.Clear,
        ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"] = Tlp.Green,
        ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] = Tlp.Amber,
        ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"] = Tlp.Red,
        ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"] = Tlp.Clear,
        ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] = Tlp.Green,
        ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"] = Tlp.Amber,
        ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"] = Tlp.AmberStrict,
        ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"] = Tlp.Red,
    };

    public static Tlp? EffectiveTlp(IReadOnlyList<string> objectMarkingRefs)
    {
        Tlp? strictest = null;
        foreach (var reference in objectMarkingRefs)
        {
            if (Levels.TryGetValue(reference, out var level) && (strictest is null || level > strictest))
            {
                strictest = level;
            }
        }

        return strictest;
    }

    public static string IdOf(Tlp tlp) => Levels.First(l => l.Value == tlp && l.Key.StartsWith("marking-definition--", StringComparison.Ordinal)).Key;
}
