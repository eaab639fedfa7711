using Concord.Access;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Teams.Data;
using Concord.Teams.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Features.People;

/// <summary>
/// A team's people: personal data under the directory's door (members only). Admins keep the list; a person acts on
/// their own entry through the account with the same e-mail address in the same organisation. The audit trail names a
/// person by the opaque id only, so erasing the entry leaves nothing in it that identifies them.
/// </summary>
internal sealed class TeamPeople(TeamsDbContext db, IAccessDirectory access, IAuditTrail audit, TimeProvider time) : ITeamPeople
{
    public const string TargetType = "team-person";

    public async Task<Result<TeamPerson>> AddAsync(Principal editor, Guid organisationId, PersonUpdate person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if ((TeamDirectory.Refuse(editor) ?? await MissingTeamAsync(organisationId, cancellationToken) ?? RefuseEditor(editor, organisationId)) is { } refused)
        {
            return refused;
        }

        var id = Guid.NewGuid();
        var checkedPerson = await CheckAsync(organisationId, id, person, cancellationToken);
        if (!checkedPerson.IsSuccess)
        {
            return checkedPerson.Error!;
        }

        var (row, key) = checkedPerson.Value;
        db.People.Add(row);
        if (key is not null)
        {
            db.Keys.Add(key);
        }

        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync("team-person.add", row, cancellationToken);
        return TeamContacts.Person(row, key);
    }

    public async Task<Result<TeamPerson>> UpdateAsync(Principal editor, Guid? userId, Guid organisationId, Guid personId, PersonUpdate person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = await FindAsync(editor, userId, organisationId, personId, allowSecretariat: true, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var checkedPerson = await CheckAsync(organisationId, personId, person, cancellationToken);
        if (!checkedPerson.IsSuccess)
        {
            return checkedPerson.Error!;
        }

        var (row, key) = checkedPerson.Value;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Keys.Where(k => k.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
            await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(
                s => s.SetProperty(p => p.Name, row.Name).SetProperty(p => p.Role, row.Role).SetProperty(p => p.Email, row.Email).SetProperty(p => p.Phone, row.Phone),
                cancellationToken);
            if (key is not null)
            {
                db.Keys.Add(key);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await AuditAsync("team-person.update", row, cancellationToken);
        return TeamContacts.Person(row, key);
    }

    public async Task<Result<Guid>> EraseAsync(Principal editor, Guid? userId, Guid organisationId, Guid personId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(editor, userId, organisationId, personId, allowSecretariat: true, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var person = found.Value!;
        var contacts = await SameAddressAsync(person, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Keys.Where(k => k.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
            foreach (var position in contacts.Select(c => c.Position))
            {
                await db.Contacts.Where(c => c.OrganisationId == organisationId && c.Position == position).ExecuteDeleteAsync(cancellationToken);
            }

            await db.People.Where(p => p.Id == personId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AuditAsync("team-person.erase", person, cancellationToken, $"{contacts.Count} escalation contacts with the same address removed");
        return personId;
    }

    public async Task<Result<PersonExport>> ExportAsync(Principal reader, Guid? userId, Guid organisationId, Guid personId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reader, userId, organisationId, personId, allowSecretariat: false, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var person = found.Value!;
        var key = await db.Keys.AsNoTracking().FirstOrDefaultAsync(k => k.PersonId == personId, cancellationToken);
        var contacts = (await SameAddressAsync(person, cancellationToken)).Select(c => new EscalationContact(c.Name, c.Role, c.Email, c.Phone)).ToList();
        var team = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == organisationId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
            ?? (await access.FindOrganisationAsync(organisationId, cancellationToken))?.Name ?? "";
        await AuditAsync("team-person.export", person, cancellationToken);
        return new PersonExport("concord-person/1", time.GetUtcNow(), team, TeamContacts.Person(person, key), contacts,
            "Everything this node holds about you in its team directory. It is shown to signed-in members of the alliance only and never relayed to other nodes; you may ask for it to be erased.");
    }

    private async Task<Result<PersonRow>> FindAsync(Principal caller, Guid? userId, Guid organisationId, Guid personId, bool allowSecretariat, CancellationToken cancellationToken)
    {
        if (TeamDirectory.Refuse(caller) is { } refused)
        {
            return refused;
        }

        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.OrganisationId == organisationId, cancellationToken);
        if (person is null)
        {
            return Error.NotFound("The person");
        }

        var admin = (caller.HasRole(Role.OrgAdmin) && caller.OrganisationId == organisationId) || (allowSecretariat && caller.HasRole(Role.Secretariat));
        return admin || await IsSelfAsync(caller, userId, person, cancellationToken)
            ? person
            : Error.Forbidden("Only the person and their organisation's admins act on a person's entry.");
    }

    /// <summary>The caller's account is in the person's organisation and has the person's e-mail address.</summary>
    private async Task<bool> IsSelfAsync(Principal caller, Guid? userId, PersonRow person, CancellationToken cancellationToken)
    {
        if (userId is not { } id || person.Email is null || caller.OrganisationId != person.OrganisationId)
        {
            return false;
        }

        var account = await access.FindMemberAsync(id, cancellationToken);
        return account?.OrganisationId == person.OrganisationId && string.Equals(account.Email, person.Email, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Result<(PersonRow Person, KeyRow? Key)>> CheckAsync(Guid organisationId, Guid personId, PersonUpdate person, CancellationToken cancellationToken)
    {
        var checkedPerson = ContactRules.CheckPerson(organisationId, personId, person, time.GetUtcNow());
        if (!checkedPerson.IsSuccess || checkedPerson.Value.Person.Email is not { } email)
        {
            return checkedPerson;
        }

        // The address links a person to their account, so it names one person of the team.
        var others = await db.People.AsNoTracking().Where(p => p.OrganisationId == organisationId && p.Id != personId && p.Email != null).Select(p => p.Email!).ToListAsync(cancellationToken);
        return others.Contains(email, StringComparer.OrdinalIgnoreCase)
            ? Error.Conflict("person-email-taken", "Another person of this team has this e-mail address.", "email")
            : checkedPerson;
    }

    private async Task<List<ContactRow>> SameAddressAsync(PersonRow person, CancellationToken cancellationToken) =>
        person.Email is null ? [] : (await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == person.OrganisationId).ToListAsync(cancellationToken))
            .Where(c => string.Equals(c.Email, person.Email, StringComparison.OrdinalIgnoreCase)).ToList();

    private async Task<Error?> MissingTeamAsync(Guid organisationId, CancellationToken cancellationToken) =>
        await access.FindOrganisationAsync(organisationId, cancellationToken) is null ? Error.NotFound("The team") : null;

    private static Error? RefuseEditor(Principal editor, Guid organisationId) =>
        editor.HasRole(Role.Secretariat) || (editor.HasRole(Role.OrgAdmin) && editor.OrganisationId == organisationId)
            ? null
            : Error.Forbidden("Only the organisation's admins and the secretariat add a team's people.");

    /// <summary>The opaque id and the organisation, never a name, address or number.</summary>
    private Task AuditAsync(string action, PersonRow person, CancellationToken cancellationToken, string? detail = null) =>
        audit.RecordAsync(new AuditEvent(action, TargetType, person.Id.ToString(), person.OrganisationId, detail), cancellationToken);
}
