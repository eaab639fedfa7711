using Concord.Teams.Data;
using Concord.Teams.Features.Keys;
using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Features.People;

/// <summary>The escalation contacts, keys and people of some teams, read together for their profiles.</summary>
internal sealed class TeamContacts
{
    private ILookup<Guid, ContactRow> _contacts = Array.Empty<ContactRow>().ToLookup(c => c.OrganisationId);
    private ILookup<Guid, KeyRow> _teamKeys = Array.Empty<KeyRow>().ToLookup(k => k.OrganisationId);
    private Dictionary<Guid, KeyRow> _personKeys = [];
    private ILookup<Guid, PersonRow> _people = Array.Empty<PersonRow>().ToLookup(p => p.OrganisationId);

    public static async Task<TeamContacts> LoadAsync(TeamsDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken)
    {
        var keys = await db.Keys.AsNoTracking().Where(k => organisationIds.Contains(k.OrganisationId)).ToListAsync(cancellationToken);
        return new TeamContacts
        {
            _contacts = (await db.Contacts.AsNoTracking().Where(c => organisationIds.Contains(c.OrganisationId)).ToListAsync(cancellationToken)).ToLookup(c => c.OrganisationId),
            _teamKeys = keys.Where(k => k.PersonId is null).ToLookup(k => k.OrganisationId),
            _personKeys = keys.Where(k => k.PersonId is not null).ToDictionary(k => k.PersonId!.Value),
            _people = (await db.People.AsNoTracking().Where(p => organisationIds.Contains(p.OrganisationId)).ToListAsync(cancellationToken)).ToLookup(p => p.OrganisationId),
        };
    }

    public IReadOnlyList<EscalationContact> Contacts(Guid organisationId) =>
        [.. _contacts[organisationId].OrderBy(c => c.Position).Select(c => new EscalationContact(c.Name, c.Role, c.Email, c.Phone))];

    public IReadOnlyList<OpenPgpKey> Keys(Guid organisationId) => [.. _teamKeys[organisationId].OrderBy(k => k.Position).Select(KeyRows.ToKey)];

    public IReadOnlyList<TeamPerson> People(Guid organisationId) =>
        [.. _people[organisationId].OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id).Select(p => Person(p, _personKeys.GetValueOrDefault(p.Id)))];

    public static TeamPerson Person(PersonRow row, KeyRow? key) =>
        new(row.Id, row.OrganisationId, row.Name, row.Role, row.Email, row.Phone, key is null ? null : KeyRows.ToKey(key));
}
