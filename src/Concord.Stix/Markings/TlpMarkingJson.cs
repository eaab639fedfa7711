namespace Concord.Stix.Markings;

/// <summary>The published marking-definition objects, property for property as OASIS lists them (compact JSON).</summary>
internal static class TlpMarkingJson
{
    public static string Tlp1(Tlp tlp)
    {
        var (id, level) = tlp switch
        {
            Tlp.Clear => (TlpMarkings.Tlp1WhiteId, "white"),
            Tlp.Green => (TlpMarkings.Tlp1GreenId, "green"),
            Tlp.Amber => (TlpMarkings.Tlp1AmberId, "amber"),
            Tlp.Red => (TlpMarkings.Tlp1RedId, "red"),
            Tlp.AmberStrict => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "TLP 1.0 has no AMBER+STRICT."),
            _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP level."),
        };

        return "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id
            + "\",\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\",\"name\":\"TLP:" + level.ToUpperInvariant()
            + "\",\"definition\":{\"tlp\":\"" + level + "\"}}";
    }

    public static string Tlp2(Tlp tlp)
    {
        var level = tlp switch
        {
            Tlp.Clear => "clear",
            Tlp.Green => "green",
            Tlp.Amber => "amber",
            Tlp.AmberStrict => "amber+strict",
            Tlp.Red => "red",
            _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP level."),
        };

        return "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + TlpMarkings.IdOf(tlp)
            + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"" + TlpMarkings.NameOf(tlp)
            + "\",\"extensions\":{\"" + TlpMarkings.Tlp2ExtensionId
            + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"" + level + "\"}}}";
    }
}
