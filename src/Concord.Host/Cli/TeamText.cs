using Concord.Teams;

namespace Concord.Host.Cli;

/// <summary><c>concord team show</c> as text: what a member reads on the team page.</summary>
internal static class TeamText
{
    public static async Task WriteAsync(TextWriter output, TeamProfile p)
    {
        await output.WriteLineAsync($"{p.Name}{(p.ShortName is null ? "" : $" ({p.ShortName})")} — {TeamTypes.Label(p.Type)}, {p.CountryName} ({p.Region})");
        await output.WriteLineAsync($"  id        {p.OrganisationId}");
        await output.WriteLineAsync($"  e-mail    {p.Email ?? "-"}");
        await output.WriteLineAsync($"  phone     {p.Phone ?? "-"}   24/7 {p.EmergencyPhone ?? "-"}");
        await output.WriteLineAsync($"  hours     {string.Join(' ', p.Hours.Days.Select(d => d[..3]))} {p.Hours.Opens:HH\\:mm}-{p.Hours.Closes:HH\\:mm} {p.Hours.TimeZone}");
        await output.WriteLineAsync($"  networks  {string.Join(", ", p.Networks)}");
        await output.WriteLineAsync($"  domains   {string.Join(", ", p.Domains)}");
        await output.WriteLineAsync($"  AS        {string.Join(", ", p.AsNumbers)}");
        await output.WriteLineAsync($"  sectors   {string.Join(", ", p.Sectors)}");
        await output.WriteLineAsync("Escalation:");
        foreach (var (c, i) in p.EscalationContacts.Select((c, i) => (c, i)))
        {
            await output.WriteLineAsync($"  {i + 1}. {c.Name}{(c.Role is null ? "" : $" ({c.Role})")} {c.Email} {c.Phone}".TrimEnd());
        }

        await output.WriteLineAsync("Keys:");
        foreach (var k in p.Keys)
        {
            await output.WriteLineAsync($"  {k.FingerprintGrouped}  {k.Algorithm}, expires {k.Expires?.ToString("yyyy-MM-dd") ?? "never"}  {string.Join("; ", k.UserIds)}");
        }

        await output.WriteLineAsync("People:");
        foreach (var person in p.People)
        {
            await output.WriteLineAsync($"  {person.Id}  {person.Name}{(person.Role is null ? "" : $" ({person.Role})")} {person.Email} {person.Phone}".TrimEnd()
                + (person.Key is null ? "" : $"  key {person.Key.FingerprintGrouped}"));
        }
    }
}
