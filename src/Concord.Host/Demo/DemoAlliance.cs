using Concord.Access;

namespace Concord.Host.Demo;

/// <summary>One fictional member of the demo alliance. Real country codes, clearly invented organisations.</summary>
internal sealed record DemoOrganisation(
    string Key,
    string Name,
    string Country,
    OrganisationType Type,
    string Sector,
    string Domain,
    string AdminName,
    IReadOnlyList<string> Analysts);

/// <summary>The demo alliance: eight member organisations from different regions and one sharing group.</summary>
internal static class DemoAlliance
{
    /// <summary>The alliance's hub node the demo node is connected to (waiting for its key: the demo is one node).</summary>
    public const string HubName = "alliance-hub";

    public const string HubUrl = "https://hub.alliance.example/";

    public const string SharingGroupName = "Demo: critical infrastructure working group";

    public static IReadOnlyList<DemoOrganisation> Organisations { get; } =
    [
        new("savanna", "Savanna CERT (demo)", "KE", OrganisationType.GovernmentAgency, "national CSIRT", "savanna-cert.example", "Wanjiru Kamau", ["Amina Otieno", "Brian Mwangi"]),
        new("andes", "Andes Cyber Agency (demo)", "PE", OrganisationType.GovernmentAgency, "cyber agency", "andes-cyber.example", "Lucía Quispe", ["Mateo Huamán", "Rosa Condori"]),
        new("baltic", "Baltic Shore CSIRT (demo)", "EE", OrganisationType.PublicBody, "national CSIRT", "baltic-shore.example", "Kadri Tamm", ["Mihkel Saar", "Liis Kask"]),
        new("mekong", "Mekong Digital Security Centre (demo)", "TH", OrganisationType.GovernmentAgency, "national CSIRT", "mekong-dsc.example", "Somchai Prasert", ["Nattaya Boonmee", "Anan Chaiyaporn"]),
        new("pacific", "Pacific Isles CERT (demo)", "FJ", OrganisationType.PublicBody, "regional CSIRT", "pacific-isles-cert.example", "Litia Vunibola", ["Josefa Naivalu", "Mere Tuilau"]),
        new("sahel", "Sahel Cyber Coordination Unit (demo)", "SN", OrganisationType.GovernmentAgency, "cyber agency", "sahel-ccu.example", "Aminata Diop", ["Moussa Ndiaye", "Fatou Sarr"]),
        new("fjord", "Fjordland Health ISAC (demo)", "NO", OrganisationType.NonProfit, "health", "fjordland-isac.example", "Ingrid Haugen", ["Lars Berg", "Sigrid Lunde"]),
        new("atlas", "Atlas Telecom Security (demo partner)", "MA", OrganisationType.PrivatePartner, "telecommunications", "atlas-telecom.example", "Youssef Alaoui", ["Salma Bennani", "Karim Idrissi"]),
    ];

    /// <summary>Members of the demo sharing group (its owner first).</summary>
    public static IReadOnlyList<string> SharingGroupMembers { get; } = ["savanna", "baltic", "pacific", "fjord", "atlas"];

    public static DemoOrganisation Get(string key) => Organisations.Single(o => o.Key == key);

    /// <summary>The login of a person at an organisation: <c>first.last@domain</c> in ASCII, accents transliterated (lucia.quispe).</summary>
    public static string Login(DemoOrganisation org, string person)
    {
        ArgumentNullException.ThrowIfNull(org);
        return $"{DemoTransliteration.ToAsciiLower(person).Trim().Replace(' ', '.')}@{org.Domain}";
    }
}
