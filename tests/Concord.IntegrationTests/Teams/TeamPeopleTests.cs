using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;
using Concord.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Teams;

/// <summary>
/// A team's people over real HTTP on both stores: members see them, nobody else does; a person exports their own entry
/// (linked by their account's e-mail address) and so does their team's admin; erasing removes them everywhere, and the
/// audit trail keeps only the opaque id.
/// </summary>
public class TeamPeopleTests
{
    private const string Name = "Kadri Tamm-Saarepuu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_AreSeenBySignedInMembersOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        var person = await AddAsync(alliance, Email("Energy", Role.Analyst));

        var other = await (await alliance.ClientAsync("Other", Role.ReadOnly)).GetFromJsonAsync<JsonElement>(TeamPath(alliance), Ct);
        Assert.Equal(Name, other.GetProperty("people")[0].GetProperty("name").GetString());
        Assert.Equal(person, other.GetProperty("people")[0].GetProperty("id").GetGuid());

        // Anonymous callers and peer nodes: neither the profile, nor the list, nor an export shows the person.
        var strangers = new[] { alliance.Anonymous(), await alliance.PeerClientAsync() };
        foreach (var stranger in strangers)
        {
            foreach (var url in new[] { TeamPath(alliance), "/api/v1/directory/teams", $"{TeamPath(alliance)}/people/{person}/export" })
            {
                using var response = await stranger.GetAsync(url, Ct);
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
                Assert.DoesNotContain(Name, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }

        // The service door itself refuses a peer node's principal (what federation would use).
        await using var scope = node.Services.CreateAsyncScope();
        var peer = new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer.example");
        var read = await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().GetAsync(peer, alliance.OrgId("Energy"), Ct);
        Assert.False(read.IsSuccess);
        var export = await scope.ServiceProvider.GetRequiredService<ITeamPeople>().ExportAsync(peer, null, alliance.OrgId("Energy"), person, Ct);
        Assert.False(export.IsSuccess);
    }

    [Fact]
    public void People_AndEscalationContacts_AreMarkedNeverRelayed()
    {
        var profile = typeof(TeamProfile);
        Assert.NotNull(profile.GetProperty(nameof(TeamProfile.People))!.GetCustomAttributes(typeof(NeverRelayedAttribute), true).SingleOrDefault());
        Assert.NotNull(profile.GetProperty(nameof(TeamProfile.EscalationContacts))!.GetCustomAttributes(typeof(NeverRelayedAttribute), true).SingleOrDefault());
        Assert.True(typeof(TeamPerson).IsDefined(typeof(NeverRelayedAttribute), false));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_IsForThePersonAndTheirTeamsAdmins(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        var person = await AddAsync(alliance, Email("Energy", Role.Analyst));
        var url = $"{TeamPath(alliance)}/people/{person}/export";

        using var own = await (await alliance.ClientAsync("Energy", Role.Analyst)).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("attachment", own.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var json = await own.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Name, json.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal("Energy CSIRT", json.GetProperty("team").GetString());
        Assert.Equal(Email("Energy", Role.Analyst), json.GetProperty("escalationContacts")[0].GetProperty("email").GetString());

        using var admin = await (await alliance.ClientAsync("Energy", Role.OrgAdmin)).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        foreach (var (org, role) in new[] { ("Energy", Role.ReadOnly), ("Other", Role.OrgAdmin) })
        {
            using var refused = await (await alliance.ClientAsync(org, role)).GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var missing = await (await alliance.ClientAsync("Energy", Role.OrgAdmin)).GetAsync($"{TeamPath(alliance)}/people/{Guid.NewGuid()}/export", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erase_RemovesThePersonEverywhere_AndTheAuditKeepsOnlyTheOpaqueId(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        var email = Email("Energy", Role.Analyst);
        var person = await AddAsync(alliance, email);
        var self = await alliance.ClientAsync("Energy", Role.Analyst);
        using (var changed = await self.PutAsJsonAsync($"{TeamPath(alliance)}/people/{person}", new { name = Name, role = "Shift lead", email, phone = "+372 5555 0101" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using (var exported = await self.GetAsync($"{TeamPath(alliance)}/people/{person}/export", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        }

        using (var refused = await (await alliance.ClientAsync("Other", Role.OrgAdmin)).DeleteAsync($"{TeamPath(alliance)}/people/{person}", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var erased = await self.DeleteAsync($"{TeamPath(alliance)}/people/{person}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        var reader = await alliance.ClientAsync("Other", Role.ReadOnly);
        var seen = new List<string>
        {
            await reader.GetStringAsync(TeamPath(alliance), Ct),
            await reader.GetStringAsync("/api/v1/directory/teams", Ct),
            await (await alliance.ClientAsync("Energy", Role.OrgAdmin)).GetStringAsync("/api/v1/audit?limit=500", Ct),
            await TeamPageAsync(node, alliance),
        };
        using (var export = await self.GetAsync($"{TeamPath(alliance)}/people/{person}/export", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
            seen.Add(await export.Content.ReadAsStringAsync(Ct));
        }

        var audit = await TableTextAsync(node, "access_audit");
        seen.Add(audit);
        foreach (var table in new[] { "teams_people", "teams_contacts", "teams_keys", "teams_profiles" })
        {
            seen.Add(await TableTextAsync(node, table));
        }

        foreach (var text in seen)
        {
            Assert.DoesNotContain("Tamm-Saarepuu", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("5555 0101", text, StringComparison.Ordinal);
        }

        // The trail still says what happened to whom, by the opaque id.
        foreach (var action in new[] { "team-person.add", "team-person.update", "team-person.export", "team-person.erase" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }

        Assert.Contains(person.ToString(), audit, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadPeople_AreNamed_AndOnlyAdminsAdd(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        await AddAsync(alliance, "taken@grid.example");
        var admin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        var before = await admin.GetStringAsync(TeamPath(alliance), Ct);
        var bad = new (object Body, HttpStatusCode Status, string Field, string Rule)[]
        {
            (new { name = " ", email = "a@grid.example" }, HttpStatusCode.BadRequest, "name", "required"),
            (new { name = "A", email = "a@" }, HttpStatusCode.BadRequest, "email", "email"),
            (new { name = "A", phone = "call me" }, HttpStatusCode.BadRequest, "phone", "phone"),
            (new { name = "A" }, HttpStatusCode.BadRequest, "email", "contact-reach"),
            (new { name = "A", email = "TAKEN@grid.example" }, HttpStatusCode.Conflict, "email", "person-email-taken"),
        };
        foreach (var (body, status, field, rule) in bad)
        {
            using var response = await admin.PostAsJsonAsync($"{TeamPath(alliance)}/people", body, Ct);
            Assert.Equal(field, (await ProblemAssert.IsProblemAsync(response, status, rule)).GetProperty("field").GetString());
        }

        foreach (var (org, role) in new[] { ("Energy", Role.Analyst), ("Other", Role.OrgAdmin) })
        {
            using var refused = await (await alliance.ClientAsync(org, role)).PostAsJsonAsync($"{TeamPath(alliance)}/people", new { name = "B", email = "b@grid.example" }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(before, await admin.GetStringAsync(TeamPath(alliance), Ct));
    }

    internal static string Email(string organisation, Role role) => $"{TestAlliance.UserName(organisation, role)}@{organisation.ToLowerInvariant()}.test";

    internal static string TeamPath(TestAlliance alliance) => $"/api/v1/directory/teams/{alliance.OrgId("Energy")}";

    /// <summary>The Energy team with an escalation contact at the person's address, and the person (returns the id).</summary>
    internal static async Task<Guid> AddAsync(TestAlliance alliance, string email)
    {
        var admin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        using (var saved = await admin.PutAsJsonAsync(TeamPath(alliance), new
        {
            name = "Energy CSIRT",
            country = "EE",
            escalationContacts = new object[] { new { name = Name, role = "Shift lead", email }, new { name = "Duty manager", phone = "+372 600 0002" } },
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var added = await admin.PostAsJsonAsync($"{TeamPath(alliance)}/people", new { name = Name, role = "Incident handler", email }, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>Every row of a table as text, whatever its columns.</summary>
    internal static async Task<string> TableTextAsync(TestNode node, string table)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Access.Data.AccessDbContext>();
        var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var rows = await command.ExecuteReaderAsync(Ct);
        var text = new System.Text.StringBuilder();
        while (await rows.ReadAsync(Ct))
        {
            for (var i = 0; i < rows.FieldCount; i++)
            {
                text.Append(await rows.IsDBNullAsync(i, Ct) ? "" : Convert.ToString(rows.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static async Task<string> TeamPageAsync(TestNode node, TestAlliance alliance)
    {
        using var web = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        using (var login = await web.PostAsJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Other", Role.ReadOnly), password = TestAlliance.Password }, Ct))
        {
            login.EnsureSuccessStatusCode();
        }

        using var page = await web.GetAsync($"/directory/teams/{alliance.OrgId("Energy")}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync(Ct);
    }
}
