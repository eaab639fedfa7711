using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;
using Concord.IntegrationTests.Host;

namespace Concord.IntegrationTests.Teams;

/// <summary>
/// The team directory over real HTTP on both stores: profiles kept by their own admins, read by members only, refused
/// input named and harmless, and "whose is this?" answering from the constituencies as they were saved.
/// </summary>
public class TeamDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object EnergyProfile(params string[] networks) => new
    {
        name = "Energy CSIRT",
        shortName = "E-CSIRT",
        country = "ee",
        type = "sectoral-csirt",
        sectors = new[] { "Energy", "Water" },
        constituencyCountries = new[] { "EE", "LV" },
        networks = networks.Length > 0 ? networks : ["198.51.100.0/24", "2001:db8:42::/48"],
        domains = new[] { "grid.example" },
        asNumbers = new[] { "AS64500", "1.10" },
        email = "soc@grid.example",
        phone = "+372 600 0000",
        emergencyPhone = "+372 600 0001",
        businessDays = new[] { "mon", "tue", "wed", "thu", "fri" },
        opens = "08:00",
        closes = "16:30",
        timeZone = "Europe/Tallinn",
    };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Profiles_SavedByTheirAdmins_AnswerWhoseIsThis_ForEveryMember(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "National", "Energy", "Reader");
        var energyAdmin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        var nationalAdmin = await alliance.ClientAsync("National", Role.OrgAdmin);
        var reader = await alliance.ClientAsync("Reader", Role.ReadOnly);

        using var saved = await energyAdmin.PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId("Energy")}", EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var national = await nationalAdmin.PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId("National")}",
            new { name = "National CERT", country = "EE", type = "national-cert", networks = new[] { "198.51.0.0/16" }, domains = new[] { "example" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);

        // The profile as saved, normalised: codes upper case, AS numbers in one notation, hours in the team's zone.
        var team = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/directory/teams/{alliance.OrgId("Energy")}", Ct);
        Assert.Equal("EE", team.GetProperty("country").GetString());
        Assert.Equal("Europe", team.GetProperty("region").GetString());
        Assert.Equal("sectoral-csirt", team.GetProperty("type").GetString());
        Assert.Equal(["AS65546", "AS64500"], team.GetProperty("asNumbers").EnumerateArray().Select(a => a.GetString()).Order().Reverse());
        Assert.Equal("Europe/Tallinn", team.GetProperty("hours").GetProperty("timeZone").GetString());
        Assert.Equal(5, team.GetProperty("hours").GetProperty("days").GetArrayLength());

        // Whose is this? The most specific claim first, the national CERT around it after; defanged input is fine.
        var whose = await reader.GetFromJsonAsync<JsonElement>("/api/v1/directory/whose?value=198.51.100.7", Ct);
        var teams = whose.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(["Energy CSIRT", "National CERT"], teams.Select(t => t.GetProperty("name").GetString()));
        Assert.True(teams[0].GetProperty("primary").GetBoolean());
        Assert.False(teams[1].GetProperty("primary").GetBoolean());
        var url = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/directory/whose?value={Uri.EscapeDataString("hxxps://portal[.]grid[.]example/login")}", Ct);
        Assert.Equal("Energy CSIRT", url.GetProperty("teams")[0].GetProperty("name").GetString());
        var asn = await reader.GetFromJsonAsync<JsonElement>("/api/v1/directory/whose?value=AS64500", Ct);
        Assert.Equal(alliance.OrgId("Energy"), asn.GetProperty("teams")[0].GetProperty("organisationId").GetGuid());
        var nobody = await reader.GetFromJsonAsync<JsonElement>("/api/v1/directory/whose?value=203.0.113.1", Ct);
        Assert.Equal(0, nobody.GetProperty("teams").GetArrayLength());

        // A narrowed constituency answers at once: the index is rebuilt when a profile is saved.
        using var narrowed = await energyAdmin.PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId("Energy")}", EnergyProfile("198.51.100.128/25"), Ct);
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        var after = await reader.GetFromJsonAsync<JsonElement>("/api/v1/directory/whose?value=198.51.100.7", Ct);
        Assert.Equal(["National CERT"], after.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // Search: by type, by region, by constituency country, by sector, by name; every organisation is listed.
        async Task<string?[]> NamesAsync(string query) =>
            [.. (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/directory/teams?{query}", Ct)).EnumerateArray().Select(t => t.GetProperty("name").GetString())];
        Assert.Equal(["Energy CSIRT"], await NamesAsync("type=sectoral-csirt"));
        Assert.Equal(["Energy CSIRT"], await NamesAsync("country=LV"));
        Assert.Equal(["Energy CSIRT"], await NamesAsync("sector=wat"));
        Assert.Equal(["National CERT"], await NamesAsync("q=nation"));
        Assert.Contains("Reader", await NamesAsync(""));
        Assert.Equal(["Energy CSIRT", "National CERT"], (await NamesAsync("region=Europe")).Where(n => n != "Reader"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadInput_IsNamed_AndChangesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        var admin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        var path = $"/api/v1/directory/teams/{alliance.OrgId("Energy")}";
        using var saved = await admin.PutAsJsonAsync(path, EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var before = await admin.GetStringAsync(path, Ct);

        var bad = new (object Body, string Field, string Rule)[]
        {
            (Merge(new { networks = new[] { "198.51.100.0/24", "198.51.100.0/33" } }), "networks[1]", "network"),
            (Merge(new { asNumbers = new[] { "AS4294967296" } }), "asNumbers[0]", "observable-autonomous-system"),
            (Merge(new { email = "soc@" }), "email", "email"),
            (Merge(new { country = "XX" }), "country", "country-code"),
            (Merge(new { constituencyCountries = new[] { "EE", "Estonia" } }), "constituencyCountries[1]", "country-code"),
            (Merge(new { timeZone = "Mars/Olympus" }), "timeZone", "time-zone"),
            (Merge(new { opens = "18:00" }), "closes", "business-hours"),
            (Merge(new { phone = "call us" }), "phone", "phone"),
            (Merge(new { type = "bakery" }), "type", "team-type"),
            (Merge(new { name = " " }), "name", "required"),
            (Merge(new { domains = new[] { "grid..example" } }), "domains[0]", "observable-domain-name"),
        };
        foreach (var (body, field, rule) in bad)
        {
            using var response = await admin.PutAsJsonAsync(path, body, Ct);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, rule);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        Assert.Equal(before, await admin.GetStringAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OnlyTheTeamsAdminsAndTheSecretariat_ChangeIt_AndOnlyMembersRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        var path = $"/api/v1/directory/teams/{alliance.OrgId("Energy")}";

        using var analyst = await (await alliance.ClientAsync("Energy", Role.Analyst)).PutAsJsonAsync(path, EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        using var otherAdmin = await (await alliance.ClientAsync("Other", Role.OrgAdmin)).PutAsJsonAsync(path, EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, otherAdmin.StatusCode);
        using var missing = await (await alliance.ClientAsync("Other", Role.Secretariat)).PutAsJsonAsync($"/api/v1/directory/teams/{Guid.NewGuid()}", EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var secretariat = await (await alliance.ClientAsync("Other", Role.Secretariat)).PutAsJsonAsync(path, EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.OK, secretariat.StatusCode);

        // Contacts are for the alliance's members: not for anonymous callers, not for peer nodes.
        using var anonymous = await alliance.Anonymous().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var peer = await (await alliance.PeerClientAsync()).GetAsync("/api/v1/directory/whose?value=198.51.100.7", Ct);
        Assert.True(peer.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, peer.StatusCode.ToString());
        Assert.DoesNotContain("Energy", await peer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whois_OnTheCommandLine_NamesTheTeamToCallFirst()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        using var saved = await (await alliance.ClientAsync("Energy", Role.OrgAdmin)).PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId("Energy")}", EnergyProfile(), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var hit = await CliRunner.RunAsync(node, "whois", "198.51.100.7");
        var json = await CliRunner.RunAsync(node, "whois", "mail.grid.example", "--json");
        var miss = await CliRunner.RunAsync(node, "whois", "203.0.113.1");
        var bad = await CliRunner.RunAsync(node, "whois", "not a value at all");

        Assert.True(hit.ExitCode == 0, hit.ToString());
        Assert.Contains("* Energy CSIRT (EE) — 198.51.100.0/24", hit.Out, StringComparison.Ordinal);
        Assert.Equal("grid.example", JsonDocument.Parse(json.Out).RootElement.GetProperty("teams")[0].GetProperty("claim").GetString());
        Assert.True(miss.ExitCode == 3, miss.ToString());
        Assert.True(bad.ExitCode == 2, bad.ToString());
    }

    private static Dictionary<string, object?> Merge(object changes)
    {
        var profile = JsonSerializer.SerializeToElement(EnergyProfile(), JsonSerializerOptions.Web).Deserialize<Dictionary<string, object?>>(JsonSerializerOptions.Web)!;
        foreach (var property in JsonSerializer.SerializeToElement(changes, JsonSerializerOptions.Web).EnumerateObject())
        {
            profile[property.Name] = property.Value;
        }

        return profile;
    }
}
