using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The directory's people (personal data, not shareable records: the oracle's rule for them is "members of this node,
/// nobody else"). Owner's team lists one person: every member reads them in the profile and on the team page; no
/// member but the person and Owner's admins exports them; anonymous callers and the peer node see nothing of them.
/// </summary>
internal sealed class PeoplePaths : IReadPath
{
    private const string PersonName = "Leak-Harness Person";
    private const string Email = "leak.person@owner.test";

    private static readonly ConditionalWeakTable<LeakWorld, Task<Guid>> Seeded = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "the directory's people";

    public IReadOnlyList<string> Routes { get; } =
    [
        "GET /api/v1/directory/teams/{organisationId:guid}/people/{personId:guid}/export",
        "GET,POST /directory/teams/{OrganisationId:guid} (page)", "GET,POST /directory/teams/{OrganisationId:guid}/edit (page)",
    ];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var person = await Seeded.GetValue(world, SeedAsync);
        var owner = world.Alliance.OrgId(LeakWorld.Owner);
        var client = await world.ClientAsync(reader);
        var urls = new[] { $"/api/v1/directory/teams/{owner}", "/api/v1/directory/teams", $"/api/v1/directory/teams/{owner}/people/{person}/export" };
        if (reader.Kind != PrincipalKind.Member)
        {
            foreach (var url in urls.Append($"/directory/teams/{owner}").Append($"/directory/teams/{owner}/edit"))
            {
                using var response = await client.GetAsync(url, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                // A page sends a stranger to the sign-in page (followed here, so 200 there); the API answers with an error.
                var served = response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath == url;
                if (served || body.Contains(PersonName, StringComparison.Ordinal) || body.Contains(Email, StringComparison.OrdinalIgnoreCase))
                {
                    report.Add(reader, $"{url}: {(int)response.StatusCode}, a non-member reached the directory's people");
                }
            }

            return;
        }

        var profile = await client.GetFromJsonAsync<JsonElement>(urls[0], Ct);
        if (!profile.GetProperty("people").EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == person))
        {
            report.Add(reader, "the profile does not list the team's person, which every member may read");
        }

        using var export = await client.GetAsync(urls[2], Ct);
        if (export.StatusCode != HttpStatusCode.Forbidden)
        {
            report.Add(reader, $"export: expected 403 for a member who is neither the person nor the team's admin, got {(int)export.StatusCode}");
        }

        var page = await (await world.BrowserAsync(reader)).GetStringAsync($"/directory/teams/{owner}", Ct);
        if (!page.Contains(PersonName, StringComparison.Ordinal))
        {
            report.Add(reader, "the team page does not show the team's person");
        }
    }

    private static async Task<Guid> SeedAsync(LeakWorld world)
    {
        var admin = await world.Alliance.ClientAsync(LeakWorld.Owner, Role.OrgAdmin);
        using var added = await admin.PostAsJsonAsync($"/api/v1/directory/teams/{world.Alliance.OrgId(LeakWorld.Owner)}/people", new { name = PersonName, email = Email }, Ct);
        added.EnsureSuccessStatusCode();
        return (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
