using System.Globalization;
using Concord.Teams;

namespace Concord.Web.Components.Teams;

/// <summary>The edit page's people form: a row per person and a blank one; <see cref="Action"/> is the button pressed (<c>save:2</c>).</summary>
internal sealed class PeopleForm
{
    public List<PersonForm> Rows { get; set; } = [];

    public string? Action { get; set; }

    public static PeopleForm From(TeamProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rows = profile.People.Select(p => new PersonForm { Id = p.Id.ToString(), Name = p.Name, Role = p.Role, Email = p.Email, Phone = p.Phone, Key = p.Key?.Armoured }).ToList();
        rows.Add(new PersonForm());
        return new PeopleForm { Rows = rows };
    }

    public static (string Verb, int Index) Parse(string? action)
    {
        var parts = (action ?? "").Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? (parts[0], index) : ("", -1);
    }
}

/// <summary>One person's row; no id for the row that adds one.</summary>
internal sealed class PersonForm
{
    /// <summary>Text, not a Guid: the add row posts an empty id, which a Guid would refuse to bind.</summary>
    public string? Id { get; set; }

    public Guid? PersonId => Guid.TryParse(Id, out var id) ? id : null;

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Key { get; set; }
}
