using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;

namespace Concord.Teams;

/// <summary>What kind of team a member organisation runs (in JSON: kebab case, <c>national-cert</c>).</summary>
[JsonConverter(typeof(TeamTypeJson))]
public enum TeamType
{
    NationalCert,
    GovernmentCert,
    SectoralCsirt,
    GovernmentAgency,
    Regulator,
    LawEnforcement,
    AcademicCsirt,
    NonProfit,
    Other,
}

/// <summary>Team types as JSON names them.</summary>
public sealed class TeamTypeJson() : JsonStringEnumConverter<TeamType>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

/// <summary>When a team answers during the working week (outside these hours only its 24/7 number does).</summary>
/// <param name="Days">The working days in English, lower case, Monday first (<c>monday</c>).</param>
/// <param name="TimeZone">An IANA time zone (<c>Europe/Tallinn</c>).</param>
public sealed record BusinessHours(IReadOnlyList<string> Days, TimeOnly Opens, TimeOnly Closes, string TimeZone);

/// <summary>
/// A member organisation's team as the alliance's members see it: who it is, where, what it covers (its constituency:
/// networks, domains, AS numbers, sectors, countries) and how to reach it. Every organisation has one; until its admins
/// fill it in, it holds what the node knows (name and country).
/// </summary>
public sealed record TeamProfile(
    Guid OrganisationId,
    string Name,
    string? ShortName,
    string Country,
    string CountryName,
    string Region,
    TeamType Type,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> ConstituencyCountries,
    IReadOnlyList<string> Networks,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> AsNumbers,
    string? Email,
    string? Phone,
    string? EmergencyPhone,
    BusinessHours Hours,
    DateTimeOffset? Updated,
    [property: NeverRelayed] IReadOnlyList<EscalationContact> EscalationContacts,
    IReadOnlyList<OpenPgpKey> Keys,
    [property: NeverRelayed] IReadOnlyList<TeamPerson> People);

/// <summary>
/// A whole team profile as its admins save it (every field replaced; a list left out is emptied). Values arrive as text
/// and are checked by the directory, which names the field of the first one it refuses.
/// </summary>
public sealed record TeamProfileUpdate
{
    public string? Name { get; init; }

    public string? ShortName { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>A <see cref="TeamType"/> in kebab case (<c>national-cert</c>).</summary>
    public string? Type { get; init; }

    public IReadOnlyList<string>? Sectors { get; init; }

    public IReadOnlyList<string>? ConstituencyCountries { get; init; }

    /// <summary>IPv4 and IPv6 networks or addresses (CIDR).</summary>
    public IReadOnlyList<string>? Networks { get; init; }

    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>AS numbers (<c>AS64500</c>, <c>64500</c> or <c>1.10</c>).</summary>
    public IReadOnlyList<string>? AsNumbers { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? EmergencyPhone { get; init; }

    /// <summary>English day names or their first three letters (<c>mon</c>); default Monday to Friday.</summary>
    public IReadOnlyList<string>? BusinessDays { get; init; }

    /// <summary><c>HH:mm</c>, default 09:00.</summary>
    public string? Opens { get; init; }

    /// <summary><c>HH:mm</c>, default 17:00.</summary>
    public string? Closes { get; init; }

    /// <summary>IANA time zone, default UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Who to call when the team does not answer, in order.</summary>
    public IReadOnlyList<EscalationContactUpdate>? EscalationContacts { get; init; }

    /// <summary>The team's OpenPGP public keys, ASCII-armoured, one key each.</summary>
    public IReadOnlyList<string>? Keys { get; init; }
}

/// <summary>Directory search: every given filter applies.</summary>
/// <param name="Text">Part of the team's name or short name.</param>
public sealed record TeamQuery(string? Text = null, string? Country = null, string? Region = null, string? Sector = null, TeamType? Type = null);

/// <summary>One team answering "whose is this?": the claim that matched and how.</summary>
/// <param name="Relation"><c>covers</c> (the claim contains the value) or <c>within</c> (a claim inside the queried network or domain).</param>
/// <param name="Primary">The most specific covering claim(s): the team to call.</param>
public sealed record WhoseTeam(Guid OrganisationId, string Name, string Country, string Claim, string Relation, int Specificity, bool Primary);

/// <summary>The answer to "whose is this?" for one value, as normalised.</summary>
public sealed record WhoseAnswer(string Value, string Kind, IReadOnlyList<WhoseTeam> Teams);

/// <summary>
/// The team directory (members of the alliance only: signed-in members of this node) and "whose is this?". Only an
/// organisation's admins, or the secretariat, change its profile.
/// </summary>
public interface ITeamDirectory
{
    Task<Result<IReadOnlyList<TeamProfile>>> ListAsync(Principal reader, TeamQuery query, CancellationToken cancellationToken);

    Task<Result<TeamProfile>> GetAsync(Principal reader, Guid organisationId, CancellationToken cancellationToken);

    Task<Result<TeamProfile>> UpdateAsync(Principal editor, Guid organisationId, TeamProfileUpdate update, CancellationToken cancellationToken);

    /// <summary>The teams whose constituency holds an IP address or network, a domain, a URL's host, an e-mail address's domain or an AS number (defanged input is refanged).</summary>
    Task<Result<WhoseAnswer>> WhoseAsync(Principal reader, string? value, CancellationToken cancellationToken);
}
