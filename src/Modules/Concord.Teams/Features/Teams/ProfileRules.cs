using System.Globalization;
using Concord.Teams.Data;
using Concord.Observables;
using Concord.Platform;

namespace Concord.Teams.Features.Teams;

/// <summary>
/// Checks a team profile as saved and turns it into rows. The first value refused is named (field and index) and
/// nothing is written, so a form or a script learns exactly what to fix.
/// </summary>
internal static class ProfileRules
{
    /// <summary>Networks, domains and AS numbers one team may claim: a national constituency fits; a dump of the routing table does not.</summary>
    public const int MaxClaims = 10_000;

    public const int MaxListItems = 100;

    private static readonly int WeekDays = Days(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday);

    public static Result<(TeamRow Team, List<ClaimRow> Claims)> Check(Guid organisationId, TeamProfileUpdate update, string fallbackCountry)
    {
        var team = new TeamRow { OrganisationId = organisationId };
        var claims = new List<ClaimRow>();
        string? name = null, shortName = null, country = null, email = null, phone = null, emergency = null;
        var type = TeamType.Other;
        List<string> sectors = [], countries = [];
        foreach (var check in new Func<Error?>[]
        {
            () => Text("name", update.Name, 200, required: true, out name),
            () => Text("shortName", update.ShortName, 40, required: false, out shortName),
            () => Country("country", update.Country ?? fallbackCountry, out country),
            () => Type(update.Type, out type),
            () => Items("sectors", update.Sectors, 80, out sectors),
            () => Countries(update.ConstituencyCountries, out countries),
            () => Claims("networks", update.Networks, organisationId, claims, ParseNetwork),
            () => Claims("domains", update.Domains, organisationId, claims, text => Observable.Parse(ObservableKind.Domain, text)),
            () => Claims("asNumbers", update.AsNumbers, organisationId, claims, text => Observable.Parse(ObservableKind.AutonomousSystem, text)),
            () => Email("email", update.Email, out email),
            () => Phone("phone", update.Phone, out phone),
            () => Phone("emergencyPhone", update.EmergencyPhone, out emergency),
            () => Hours(update, team),
        })
        {
            if (check() is { } error)
            {
                return error;
            }
        }

        if (claims.Count > MaxClaims)
        {
            return Error.Validation("networks", "too-many-claims", $"A team claims at most {MaxClaims:N0} networks, domains and AS numbers together; this profile has {claims.Count:N0}.");
        }

        (team.Name, team.ShortName, team.Country, team.Type) = (name!, shortName, country!, (int)type);
        (team.Sectors, team.Countries) = (string.Join('\n', sectors), string.Join('\n', countries));
        (team.Email, team.Phone, team.EmergencyPhone) = (email, phone, emergency);
        return (team, claims.DistinctBy(c => (c.Kind, c.Value)).ToList());
    }

    public static int Days(params DayOfWeek[] days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    internal static Error? Text(string field, string? value, int max, bool required, out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            return required ? Error.Validation(field, "required", $"'{field}' is required.") : null;
        }

        if (text.Length > max || text.Any(char.IsControl))
        {
            return Error.Validation(field, "text", $"'{field}' is at most {max} characters on one line.");
        }

        return null;
    }

    private static Error? Country(string field, string? value, out string? country)
    {
        country = value?.Trim().ToUpperInvariant();
        return country is not null && Teams.Countries.All.ContainsKey(country)
            ? null
            : Error.Validation(field, "country-code", $"'{value}' is not an ISO 3166-1 alpha-2 country code (such as EE or DE).");
    }

    private static Error? Type(string? value, out TeamType type)
    {
        type = TeamType.Other;
        if (value is null)
        {
            return null;
        }

        if (TeamTypes.TryParse(value, out type))
        {
            return null;
        }

        return Error.Validation("type", "team-type", $"'{value}' is not a team type; one of: {string.Join(", ", Enum.GetValues<TeamType>().Select(TeamTypes.Name))}.");
    }

    private static Error? Items(string field, IReadOnlyList<string>? values, int max, out List<string> items)
    {
        items = [];
        foreach (var (value, index) in (values ?? []).Select((v, i) => (v, i)))
        {
            if (Text($"{field}[{index}]", value, max, required: true, out var item) is { } error)
            {
                return error;
            }

            items.Add(item!);
        }

        items = [.. items.Distinct(StringComparer.OrdinalIgnoreCase)];
        return items.Count > MaxListItems ? Error.Validation(field, "too-many", $"'{field}' holds at most {MaxListItems} items.") : null;
    }

    private static Error? Countries(IReadOnlyList<string>? values, out List<string> countries)
    {
        countries = [];
        foreach (var (value, index) in (values ?? []).Select((v, i) => (v, i)))
        {
            if (Country($"constituencyCountries[{index}]", value, out var country) is { } error)
            {
                return error;
            }

            countries.Add(country!);
        }

        countries = [.. countries.Distinct(StringComparer.Ordinal)];
        return null;
    }

    private static Error? Claims(string field, IReadOnlyList<string>? values, Guid owner, List<ClaimRow> claims, Func<string, Result<Observable>> parse)
    {
        foreach (var (value, index) in (values ?? []).Select((v, i) => (v, i)))
        {
            var parsed = parse(value);
            if (!parsed.IsSuccess)
            {
                return Error.Validation($"{field}[{index}]", parsed.Error!.Rule, $"'{value}': {parsed.Error.Message}");
            }

            claims.Add(new ClaimRow { OrganisationId = owner, Kind = (int)parsed.Value.Kind, Value = parsed.Value.Value });
        }

        return null;
    }

    private static Result<Observable> ParseNetwork(string text) =>
        IpText.TryParseNetwork(text.Trim(), out var network, out var reason)
            ? Observable.Parse(network.Kind, text)
            : Error.Validation("value", "network", $"not an IP address or CIDR network ({reason}).");

    internal static Error? Email(string field, string? value, out string? email)
    {
        email = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = Observable.Parse(ObservableKind.Email, value, "email");
        if (!parsed.IsSuccess)
        {
            return Error.Validation(field, "email", $"'{value}' is not an e-mail address (name@domain).");
        }

        email = parsed.Value.Value;
        return null;
    }

    internal static Error? Phone(string field, string? value, out string? phone)
    {
        phone = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (phone is null)
        {
            return null;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        var allowed = phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');
        return allowed && digits is >= 3 and <= 20 && phone.Length <= 40
            ? null
            : Error.Validation(field, "phone", $"'{value}' is not a phone number (digits, spaces, + - ( ) and dots; international form +CC …).");
    }

    private static Error? Hours(TeamProfileUpdate update, TeamRow team)
    {
        var days = 0;
        foreach (var (value, index) in (update.BusinessDays ?? []).Select((v, i) => (v, i)))
        {
            var day = Enum.GetValues<DayOfWeek>().Where(d => value is not null && value.Trim().Length >= 3
                && d.ToString().StartsWith(value.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<DayOfWeek?>().FirstOrDefault();
            if (day is null)
            {
                return Error.Validation($"businessDays[{index}]", "day", $"'{value}' is not a day of the week (Monday or mon).");
            }

            days |= 1 << (int)day.Value;
        }

        team.BusinessDays = update.BusinessDays is null ? WeekDays : days;
        if (Time("opens", update.Opens, new TimeOnly(9, 0), out var opens) is { } openError)
        {
            return openError;
        }

        if (Time("closes", update.Closes, new TimeOnly(17, 0), out var closes) is { } closeError)
        {
            return closeError;
        }

        if (closes <= opens)
        {
            return Error.Validation("closes", "business-hours", $"A team closes after it opens ({opens:HH\\:mm}); for a team that never closes, give its 24/7 number.");
        }

        (team.OpensAt, team.ClosesAt) = ((int)opens.ToTimeSpan().TotalMinutes, (int)closes.ToTimeSpan().TotalMinutes);
        team.TimeZone = string.IsNullOrWhiteSpace(update.TimeZone) ? "UTC" : update.TimeZone.Trim();
        return TimeZoneInfo.TryFindSystemTimeZoneById(team.TimeZone, out _)
            ? null
            : Error.Validation("timeZone", "time-zone", $"'{update.TimeZone}' is not an IANA time zone (such as Europe/Tallinn).");
    }

    private static Error? Time(string field, string? value, TimeOnly fallback, out TimeOnly time)
    {
        time = fallback;
        return string.IsNullOrWhiteSpace(value) || TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            ? null
            : Error.Validation(field, "time", $"'{value}' is not a time of day (HH:mm, such as 08:30).");
    }
}
