using Concord.Teams;

namespace Concord.Web.Components.Teams;

/// <summary>
/// The edit page's profile form: lists as one item per line, escalation contacts and keys as rows. Blank rows are
/// dropped before saving and the rest renumbered, so a field the server names (<c>keys[1]</c>) is the row shown.
/// </summary>
internal sealed class TeamForm
{
    public string? Name { get; set; }

    public string? ShortName { get; set; }

    public string? Country { get; set; }

    public string? Type { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? EmergencyPhone { get; set; }

    public string? BusinessDays { get; set; }

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    public string? TimeZone { get; set; }

    public string? Networks { get; set; }

    public string? Domains { get; set; }

    public string? AsNumbers { get; set; }

    public string? Sectors { get; set; }

    public string? Countries { get; set; }

    public List<ContactForm> Contacts { get; set; } = [];

    public List<string?> Keys { get; set; } = [];

    public static TeamForm From(TeamProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, ShortName = p.ShortName, Country = p.Country, Type = TeamTypes.Name(p.Type),
            Email = p.Email, Phone = p.Phone, EmergencyPhone = p.EmergencyPhone,
            BusinessDays = string.Join(' ', p.Hours.Days.Select(d => d[..3])), Opens = p.Hours.Opens.ToString("HH:mm"), Closes = p.Hours.Closes.ToString("HH:mm"),
            TimeZone = p.Hours.TimeZone,
            Networks = Lines(p.Networks), Domains = Lines(p.Domains), AsNumbers = Lines(p.AsNumbers), Sectors = Lines(p.Sectors), Countries = Lines(p.ConstituencyCountries),
            Contacts = [.. p.EscalationContacts.Select(c => new ContactForm { Name = c.Name, Role = c.Role, Email = c.Email, Phone = c.Phone })],
            Keys = [.. p.Keys.Select(k => (string?)k.Armoured)],
        };
    }

    /// <summary>One blank row to add a contact and a key.</summary>
    public void Pad()
    {
        Contacts.Add(new ContactForm());
        Keys.Add(null);
    }

    public TeamProfileUpdate ToUpdate()
    {
        Contacts = [.. Contacts.Where(c => !c.IsBlank)];
        Keys = [.. Keys.Where(k => !string.IsNullOrWhiteSpace(k))];
        return new TeamProfileUpdate
        {
            Name = Name, ShortName = ShortName, Country = Country, Type = Type, Email = Email, Phone = Phone, EmergencyPhone = EmergencyPhone,
            BusinessDays = Split(BusinessDays?.Replace(',', ' ')), Opens = Opens, Closes = Closes, TimeZone = TimeZone,
            Networks = Split(Networks), Domains = Split(Domains), AsNumbers = Split(AsNumbers), Sectors = Split(Sectors, spaces: false), ConstituencyCountries = Split(Countries),
            EscalationContacts = [.. Contacts.Select(c => new EscalationContactUpdate(c.Name, c.Role, c.Email, c.Phone))],
            Keys = [.. Keys!],
        };
    }

    private static string Lines(IEnumerable<string> items) => string.Join('\n', items);

    /// <summary>One item per line; values that hold no spaces (networks, domains, days) may also be separated by spaces.</summary>
    private static List<string> Split(string? text, bool spaces = true) =>
        [.. (text ?? "").Split(spaces ? ['\n', ' '] : ['\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>One escalation contact row of the form.</summary>
internal sealed class ContactForm
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);
}
