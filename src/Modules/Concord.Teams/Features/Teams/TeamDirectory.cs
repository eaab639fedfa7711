using Concord.Access;
using Concord.Teams.Data;
using Concord.Teams.Features.People;
using Concord.Teams.Features.Whose;
using Concord.Observables;
using Concord.Observables.Ownership;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Features.Teams;

/// <summary>
/// The directory's one door. Reads are for signed-in members of this node (a peer node or an anonymous caller reads
/// nothing, not even that a team exists); writes are for the organisation's own admins and the secretariat.
/// </summary>
internal sealed class TeamDirectory(TeamsDbContext db, IAccessDirectory access, WhoseIndex whose, IAuditTrail audit, TimeProvider time) : ITeamDirectory
{
    public async Task<Result<IReadOnlyList<TeamProfile>>> ListAsync(Principal reader, TeamQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Refuse(reader) is { } refused)
        {
            return refused;
        }

        var profiles = await ProfilesAsync(null, cancellationToken);
        var text = query.Text?.Trim();
        var sector = query.Sector?.Trim();
        return profiles
            .Where(p => string.IsNullOrEmpty(text) || p.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || (p.ShortName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(p => string.IsNullOrWhiteSpace(query.Country) || string.Equals(p.Country, query.Country.Trim(), StringComparison.OrdinalIgnoreCase)
                || p.ConstituencyCountries.Contains(query.Country.Trim(), StringComparer.OrdinalIgnoreCase))
            .Where(p => string.IsNullOrWhiteSpace(query.Region) || string.Equals(p.Region, query.Region.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(p => string.IsNullOrEmpty(sector) || p.Sectors.Any(s => s.Contains(sector, StringComparison.OrdinalIgnoreCase)))
            .Where(p => query.Type is null || p.Type == query.Type)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<Result<TeamProfile>> GetAsync(Principal reader, Guid organisationId, CancellationToken cancellationToken)
    {
        if (Refuse(reader) is { } refused)
        {
            return refused;
        }

        var profile = (await ProfilesAsync(organisationId, cancellationToken)).SingleOrDefault();
        return profile is null ? Error.NotFound("The team") : profile;
    }

    public async Task<Result<TeamProfile>> UpdateAsync(Principal editor, Guid organisationId, TeamProfileUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Refuse(editor) is { } refused)
        {
            return refused;
        }

        var organisation = await access.FindOrganisationAsync(organisationId, cancellationToken);
        if (organisation is null)
        {
            return Error.NotFound("The team");
        }

        if (!(editor.HasRole(Role.Secretariat) || (editor.HasRole(Role.OrgAdmin) && editor.OrganisationId == organisationId)))
        {
            return Error.Forbidden("Only the organisation's admins and the secretariat change a team's profile.");
        }

        var checkedProfile = ProfileRules.Check(organisationId, update, organisation.Country);
        if (!checkedProfile.IsSuccess)
        {
            return checkedProfile.Error!;
        }

        var checkedContacts = ContactRules.Check(organisationId, update, time.GetUtcNow());
        if (!checkedContacts.IsSuccess)
        {
            return checkedContacts.Error!;
        }

        var (team, claims) = checkedProfile.Value;
        var (contacts, keys) = checkedContacts.Value;
        team.UpdatedUs = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds() * 1000, await LatestAsync(cancellationToken) + 1);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Claims.Where(c => c.OrganisationId == organisationId).ExecuteDeleteAsync(cancellationToken);
            await db.Teams.Where(t => t.OrganisationId == organisationId).ExecuteDeleteAsync(cancellationToken);
            await db.Contacts.Where(c => c.OrganisationId == organisationId).ExecuteDeleteAsync(cancellationToken);
            await db.Keys.Where(k => k.OrganisationId == organisationId && k.PersonId == null).ExecuteDeleteAsync(cancellationToken);
            db.Teams.Add(team);
            db.Claims.AddRange(claims);
            db.Contacts.AddRange(contacts);
            db.Keys.AddRange(keys);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        whose.Invalidate();
        await audit.RecordAsync(new AuditEvent("team.update", "team", organisationId.ToString(), organisationId, $"{claims.Count} constituency entries, {contacts.Count} escalation contacts, {keys.Count} keys"), cancellationToken);
        return (await ProfilesAsync(organisationId, cancellationToken)).Single();
    }

    public async Task<Result<WhoseAnswer>> WhoseAsync(Principal reader, string? value, CancellationToken cancellationToken)
    {
        if (Refuse(reader) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Validation("value", "required", "Give an IP address or network, a domain, a URL, an e-mail address or an AS number.");
        }

        var parsed = Observable.Detect(Refang.Apply(value.Trim()));
        if (!parsed.IsSuccess)
        {
            return Error.Validation("value", "whose-value", $"'{value}' is not an IP address or network, domain, URL, e-mail address or AS number.");
        }

        var snapshot = await whose.CurrentAsync(cancellationToken);
        var teams = snapshot.Index.Find(parsed.Value)
            .Where(m => snapshot.Teams.ContainsKey(m.Owner))
            .Select(m => new WhoseTeam(m.Owner, snapshot.Teams[m.Owner].Name, snapshot.Teams[m.Owner].Country, m.Claim.Value,
                m.Relation == ConstituencyRelation.Covers ? "covers" : "within", m.Specificity, m.Primary))
            .ToList();
        return new WhoseAnswer(parsed.Value.Value, Observables.ObservableKinds.Name(parsed.Value.Kind), teams);
    }

    /// <summary>Members of this node only: the directory holds contacts and people, which never leave the alliance's members.</summary>
    internal static Error? Refuse(Principal principal) =>
        principal.Kind == PrincipalKind.Member && principal.OrganisationId is not null
            ? null
            : Error.Forbidden("The team directory is for signed-in members of the alliance.");

    private async Task<long> LatestAsync(CancellationToken cancellationToken) =>
        await db.Teams.MaxAsync(t => (long?)t.UpdatedUs, cancellationToken) ?? 0;

    private async Task<List<TeamProfile>> ProfilesAsync(Guid? only, CancellationToken cancellationToken)
    {
        var organisations = only is { } id
            ? (await access.FindOrganisationAsync(id, cancellationToken) is { } one ? [one] : [])
            : await access.ListOrganisationsAsync(cancellationToken);
        var ids = organisations.Select(o => o.Id).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => ids.Contains(t.OrganisationId)).ToDictionaryAsync(t => t.OrganisationId, cancellationToken);
        var claims = (await db.Claims.AsNoTracking().Where(c => ids.Contains(c.OrganisationId)).ToListAsync(cancellationToken)).ToLookup(c => c.OrganisationId);
        var contacts = await TeamContacts.LoadAsync(db, ids, cancellationToken);
        return organisations.Select(o => Profile(o, teams.GetValueOrDefault(o.Id), claims[o.Id], contacts)).ToList();
    }

    private static TeamProfile Profile(OrganisationInfo organisation, TeamRow? team, IEnumerable<ClaimRow> claims, TeamContacts contacts)
    {
        var country = team?.Country ?? organisation.Country.ToUpperInvariant();
        var info = Countries.All.GetValueOrDefault(country);
        var byKind = claims.ToLookup(c => (ObservableKind)c.Kind);
        var networks = byKind[ObservableKind.Ipv4Address].Concat(byKind[ObservableKind.Ipv4Network]).Concat(byKind[ObservableKind.Ipv6Address]).Concat(byKind[ObservableKind.Ipv6Network]);
        var hours = team is null
            ? new BusinessHours(["monday", "tuesday", "wednesday", "thursday", "friday"], new TimeOnly(9, 0), new TimeOnly(17, 0), "UTC")
            : new BusinessHours(
                [.. Enum.GetValues<DayOfWeek>().Where(d => (team.BusinessDays & (1 << (int)d)) != 0).OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString().ToLowerInvariant())],
                TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(team.OpensAt)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(team.ClosesAt)), team.TimeZone);
        return new TeamProfile(
            organisation.Id, team?.Name ?? organisation.Name, team?.ShortName, country, info?.Name ?? country, info?.Region ?? "",
            team is null ? TeamType.Other : (TeamType)team.Type,
            Lines(team?.Sectors), Lines(team?.Countries),
            [.. networks.Select(c => c.Value).Order(StringComparer.Ordinal)],
            [.. byKind[ObservableKind.Domain].Select(c => c.Value).Order(StringComparer.Ordinal)],
            [.. byKind[ObservableKind.AutonomousSystem].OrderBy(c => long.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).Select(c => "AS" + c.Value)],
            team?.Email, team?.Phone, team?.EmergencyPhone, hours,
            team is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(team.UpdatedUs / 1000),
            contacts.Contacts(organisation.Id), contacts.Keys(organisation.Id), contacts.People(organisation.Id));
    }

    private static List<string> Lines(string? text) => string.IsNullOrEmpty(text) ? [] : [.. text.Split('\n')];
}
