using System.Globalization;
using System.Text.Json;
using Concord.Access;
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

    /// <summary>The organisation that shares <see cref="RoutedExample"/>, and the team whose network it names.</summary>
    public const string RoutedOwner = "savanna";

    public const string RoutedTeam = "baltic";

    public const string RoutedAddress = "198.51.100.23";

    /// <summary>
    /// Constituency routing alive in the demo: Savanna CERT shares with the alliance, today, a C2 address its incident
    /// handlers saw, which lies in Baltic Shore CSIRT's network, so Baltic's members find it in their inbox. (The
    /// history's indicators name the teams' ranges too, but only its last week is routed, and what it holds is chance.)
    /// </summary>
    public static MemoryStream RoutedExample(DateTimeOffset now)
    {
        var stamp = DemoStixWriter.Stamp(now.AddHours(-1));
        var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteString("type", "bundle");
            j.WriteString("id", "bundle--2f7d4c1a-8e3b-4b6a-9d25-6c0e1f3a7b58");
            j.WriteStartArray("objects");
            j.WriteStartObject();
            j.WriteString("type", "indicator");
            j.WriteString("spec_version", "2.1");
            j.WriteString("id", "indicator--5b0c1f3e-9a7d-4e52-8c61-3d2f0b7a9e14");
            j.WriteString("created", stamp);
            j.WriteString("modified", stamp);
            j.WriteString("name", $"C2 server {RoutedAddress}");
            j.WriteString("description", "Seen by Savanna CERT's incident handlers beaconing from three government hosts; the address lies in a member's network.");
            DemoStixWriter.WriteStrings(j, "indicator_types", ["malicious-activity"]);
            j.WriteString("pattern", $"[ipv4-addr:value = '{RoutedAddress}']");
            j.WriteString("pattern_type", "stix");
            j.WriteString("valid_from", stamp);
            DemoStixWriter.WriteStrings(j, "object_marking_refs", [DemoStixWriter.MarkingId(Stix.Tlp.Green)]);
            j.WriteEndObject();
            j.WriteEndArray();
            j.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    public static Intel.ImportOptions RoutedExampleOptions { get; } = new() { Policy = Intel.ImportPolicy.AllOrNothing, Scope = Scope.Alliance };
}
