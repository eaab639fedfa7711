using Concord.Platform;
using Concord.Teams.Data;
using Concord.Teams.Features.Keys;
using Concord.Teams.Features.Teams;

namespace Concord.Teams.Features.People;

/// <summary>
/// Checks escalation contacts, team keys and people as saved, naming the first value refused (<c>keys[1]</c>,
/// <c>escalationContacts[0].email</c>, <c>key</c>), so a form shows the message next to the field.
/// </summary>
internal static class ContactRules
{
    public const int MaxContacts = 10;

    public const int MaxKeys = 10;

    public static Result<(List<ContactRow> Contacts, List<KeyRow> Keys)> Check(Guid organisationId, TeamProfileUpdate update, DateTimeOffset now)
    {
        var contacts = new List<ContactRow>();
        foreach (var (contact, index) in (update.EscalationContacts ?? []).Select((c, i) => (c, i)))
        {
            var row = new ContactRow { OrganisationId = organisationId, Position = index };
            if (Person($"escalationContacts[{index}].", contact?.Name, contact?.Role, contact?.Email, contact?.Phone, row) is { } error)
            {
                return error;
            }

            contacts.Add(row);
        }

        if (contacts.Count > MaxContacts)
        {
            return Error.Validation("escalationContacts", "too-many", $"A team gives at most {MaxContacts} escalation contacts.");
        }

        var keys = new List<KeyRow>();
        foreach (var (armoured, index) in (update.Keys ?? []).Select((k, i) => (k, i)))
        {
            var parsed = OpenPgpKeys.Parse($"keys[{index}]", armoured, now);
            if (!parsed.IsSuccess)
            {
                return parsed.Error!;
            }

            if (keys.Any(k => k.Fingerprint == parsed.Value!.Fingerprint))
            {
                return Error.Validation($"keys[{index}]", "openpgp-duplicate", $"Key {OpenPgpKeys.Grouped(parsed.Value!.Fingerprint)} is given twice.");
            }

            keys.Add(KeyRows.From(organisationId, null, index, parsed.Value!));
        }

        return keys.Count > MaxKeys ? Error.Validation("keys", "too-many", $"A team gives at most {MaxKeys} keys.") : (contacts, keys);
    }

    public static Result<(PersonRow Person, KeyRow? Key)> CheckPerson(Guid organisationId, Guid personId, PersonUpdate update, DateTimeOffset now)
    {
        var person = new PersonRow { Id = personId, OrganisationId = organisationId };
        var contact = new ContactRow();
        if (Person("", update.Name, update.Role, update.Email, update.Phone, contact) is { } error)
        {
            return error;
        }

        (person.Name, person.Role, person.Email, person.Phone) = (contact.Name, contact.Role, contact.Email, contact.Phone);
        if (string.IsNullOrWhiteSpace(update.Key))
        {
            return (person, null);
        }

        var key = OpenPgpKeys.Parse("key", update.Key, now);
        return key.IsSuccess ? (person, KeyRows.From(organisationId, personId, 0, key.Value!)) : key.Error!;
    }

    /// <summary>A name, and an e-mail address or a phone number to reach them by.</summary>
    private static Error? Person(string prefix, string? name, string? role, string? email, string? phone, ContactRow row)
    {
        if (ProfileRules.Text(prefix + "name", name, 200, required: true, out var checkedName) is { } nameError)
        {
            return nameError;
        }

        if (ProfileRules.Text(prefix + "role", role, 200, required: false, out var checkedRole) is { } roleError)
        {
            return roleError;
        }

        if (ProfileRules.Email(prefix + "email", email, out var checkedEmail) is { } emailError)
        {
            return emailError;
        }

        if (ProfileRules.Phone(prefix + "phone", phone, out var checkedPhone) is { } phoneError)
        {
            return phoneError;
        }

        if (checkedEmail is null && checkedPhone is null)
        {
            return Error.Validation(prefix + "email", "contact-reach", "Give an e-mail address or a phone number to reach them by.");
        }

        (row.Name, row.Role, row.Email, row.Phone) = (checkedName!, checkedRole, checkedEmail, checkedPhone);
        return null;
    }
}
