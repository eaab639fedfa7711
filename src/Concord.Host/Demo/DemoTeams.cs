using System.Globalization;
using Concord.Teams;

namespace Concord.Host.Demo;

/// <summary>
/// The demo alliance's team profiles. Constituencies are carved from the documentation ranges (RFC 5737, RFC 3849, the
/// documentation AS numbers of RFC 5398) that the demo's indicators use, so "whose is this?" answers for them; the
/// health ISAC's range is delegated inside the telecom partner's, so the answer shows a delegation.
/// </summary>
internal static class DemoTeams
{
    private static readonly Dictionary<string, (TeamType Type, string[] Networks, string Zone, string Emergency)> Profiles = new(StringComparer.Ordinal)
    {
        ["savanna"] = (TeamType.NationalCert, ["192.0.2.0/26"], "Africa/Nairobi", "+254 20 000 0000"),
        ["andes"] = (TeamType.GovernmentAgency, ["192.0.2.64/26"], "America/Lima", "+51 1 000 0000"),
        ["baltic"] = (TeamType.NationalCert, ["198.51.100.0/25"], "Europe/Tallinn", "+372 600 0000"),
        ["mekong"] = (TeamType.NationalCert, ["198.51.100.128/25"], "Asia/Bangkok", "+66 2 000 0000"),
        ["pacific"] = (TeamType.GovernmentCert, ["203.0.113.0/26"], "Pacific/Fiji", "+679 000 0000"),
        ["sahel"] = (TeamType.GovernmentAgency, ["203.0.113.64/26", "192.0.2.128/25"], "Africa/Dakar", "+221 33 000 0000"),
        ["fjord"] = (TeamType.SectoralCsirt, ["203.0.113.160/27"], "Europe/Oslo", "+47 00 00 00 00"),
        ["atlas"] = (TeamType.Other, ["203.0.113.128/25"], "Africa/Casablanca", "+212 5 00 00 00 00"),
    };

    public static TeamProfileUpdate For(DemoOrganisation org, int index)
    {
        ArgumentNullException.ThrowIfNull(org);
        var (type, networks, zone, emergency) = Profiles[org.Key];
        var number = index.ToString(CultureInfo.InvariantCulture);
        return new TeamProfileUpdate
        {
            Name = org.Name,
            ShortName = org.Key.ToUpperInvariant(),
            Country = org.Country,
            Type = TeamTypes.Name(type),
            Sectors = [org.Sector],
            ConstituencyCountries = [org.Country],
            Networks = [.. networks, $"2001:db8:{index + 1}::/48"],
            Domains = [org.Domain],
            AsNumbers = [(64496 + index).ToString(CultureInfo.InvariantCulture)],
            Email = $"incident{number}@{org.Domain}",
            EmergencyPhone = emergency,
            TimeZone = zone,
            EscalationContacts = [new EscalationContactUpdate("Duty manager", "Escalation, first", $"duty{number}@{org.Domain}", emergency), new EscalationContactUpdate(org.AdminName, "Head of team", DemoAlliance.Login(org, org.AdminName))],
            Keys = org.Key == "baltic" ? [DemoTeamKey.Armoured] : [],
        };
    }

    /// <summary>The team's people: its demo users, under the addresses they sign in with, so each can export their own entry.</summary>
    public static IEnumerable<PersonUpdate> People(DemoOrganisation org)
    {
        ArgumentNullException.ThrowIfNull(org);
        yield return new PersonUpdate(org.AdminName, "Head of team", DemoAlliance.Login(org, org.AdminName));
        foreach (var analyst in org.Analysts)
        {
            yield return new PersonUpdate(analyst, "Incident handler", DemoAlliance.Login(org, analyst));
        }
    }
}
