using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Sightings;
using Concord.Notifications.Features.FanOut;
using Concord.Platform.Data;
using Concord.Teams.Data;
using Concord.Teams.Features.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Teams;

/// <summary>
/// Constituency routing on both stores: a record naming a value in another member's constituency tells that member's
/// team, once per version, when — and only when — the team may read it; the owner is never told of its own record, and
/// a team that opted out of a kind hears nothing of it. A team that may not read the record learns nothing: no inbox
/// entry, no unread count, not even a queued notification.
/// </summary>
public class ConstituencyRoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Record_NamingATeamsValue_IsRouted_OnlyWhenTheTeamMayReadIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Team", "Other");
        await ClaimAsync(alliance, "Team", "198.51.100.0/24");
        var owner = await alliance.ClientAsync("Owner", Role.Analyst);
        var teamReader = await alliance.ClientAsync("Team", Role.ReadOnly);
        var otherReader = await alliance.ClientAsync("Other", Role.ReadOnly);
        var group = await alliance.CreateSharingGroupAsync("Owner", "Without the team", "Owner", "Other");
        var other = alliance.OrgId("Other");
        var team = alliance.OrgId("Team");

        var green = await ImportAsync(owner, "198.51.100.7", "tlp=green&scope=alliance");
        var amberToTeam = await ImportAsync(owner, "198.51.100.12", $"tlp=amber&scope=recipients&recipients={team}");
        var address = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "ipv4-addr", ["spec_version"] = "2.1", ["id"] = $"ipv4-addr--{Guid.NewGuid()}", ["value"] = "198.51.100.20",
        };
        using (var sco = await owner.ImportAsync(Bundles.Bundle(address), "tlp=green&scope=alliance"))
        {
            Assert.Equal(HttpStatusCode.OK, sco.StatusCode);
        }

        var hidden = new[]
        {
            await ImportAsync(owner, "198.51.100.8", $"tlp=red&scope=recipients&recipients={other}"),
            await ImportAsync(owner, "198.51.100.9", $"tlp=amber&scope=recipients&recipients={other}"),
            await ImportAsync(owner, "198.51.100.10", "tlp=amber&scope=owner"),
            await ImportAsync(owner, "198.51.100.11", $"tlp=green&scope=sharing-group&sharing_group={group}"),
        };

        // The team's own record naming its own network tells nobody: it knows.
        var own = await ImportAsync(await alliance.ClientAsync("Team", Role.Analyst), "198.51.100.13", "tlp=green&scope=alliance");
        await RouteAsync(node);

        // (Members are told as they are when the notification is fanned out: the clients above exist by then.)
        var inbox = await InboxAsync(teamReader);
        Assert.Equal(3, inbox.GetArrayLength());
        Assert.All(inbox.EnumerateArray(), i => Assert.Equal("constituency-hit", i.GetProperty("kind").GetString()));
        Assert.Contains(inbox.EnumerateArray(), i => i.GetProperty("title").GetString() == "In your constituency: 198.51.100.20");
        var greenItem = inbox.EnumerateArray().Single(i => i.GetProperty("title").GetString()!.Contains("198.51.100.7", StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString(green), greenItem.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Contains("198.51.100.0/24", greenItem.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(inbox.EnumerateArray(), i => i.GetProperty("link").GetString()!.Contains(Uri.EscapeDataString(amberToTeam), StringComparison.Ordinal));

        // Nothing about a record the team may not read reached it: not in its inbox, not in a count, not in the outbox.
        var text = inbox.GetRawText();
        foreach (var id in hidden.Append(own))
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("198.51.100.8", text, StringComparison.Ordinal);
        Assert.Equal(3, await UnreadAsync(teamReader));
        Assert.Equal(3, await QueuedForAsync(node, team));

        // Neither the owner nor a bystander is told anything.
        Assert.Equal(0, await QueuedForAsync(node, alliance.OrgId("Owner")));
        Assert.Equal(0, await QueuedForAsync(node, other));
        Assert.Equal(0, (await InboxAsync(otherReader)).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_OfAnIndicatorNamingATeamsValue_IsRouted_AndAnOptedOutKindIsNot(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Team", "Other");
        await ClaimAsync(alliance, "Team", "198.51.100.0/24");
        var teamAdmin = await alliance.ClientAsync("Team", Role.OrgAdmin);
        var routing = $"/api/v1/directory/teams/{alliance.OrgId("Team")}/routing";

        // The team opts out of objects; bad choices are refused, naming the field, and change nothing.
        using (var unknown = await teamAdmin.PutAsJsonAsync(routing, new { optOut = new[] { "object", "no-such-kind" } }, Ct))
        {
            Assert.Equal("optOut", (await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "routing-kind")).GetProperty("field").GetString());
        }

        using (var analyst = await (await alliance.ClientAsync("Team", Role.Analyst)).PutAsJsonAsync(routing, new { optOut = new[] { "object" } }, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        }

        using (var stranger = await (await alliance.ClientAsync("Other", Role.OrgAdmin)).GetAsync(routing, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        }

        Assert.All((await GetJsonAsync(teamAdmin, routing)).GetProperty("kinds").EnumerateArray(), k => Assert.True(k.GetProperty("routed").GetBoolean()));
        using (var optOut = await teamAdmin.PutAsJsonAsync(routing, new { optOut = new[] { "object" } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        }

        var kinds = (await GetJsonAsync(await alliance.ClientAsync("Team", Role.ReadOnly), routing)).GetProperty("kinds").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("routed").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["object"] = false, ["sighting"] = true }, kinds);

        var indicator = await ImportAsync(await alliance.ClientAsync("Owner", Role.Analyst), "198.51.100.7", "tlp=green&scope=alliance");
        await RouteAsync(node);
        Assert.Equal(0, await QueuedForAsync(node, alliance.OrgId("Team")));

        // Another member sights it, anonymously: the team hears of the sighting, and not who reported it.
        var sighting = await (await alliance.ClientAsync("Other", Role.Analyst)).SightOkAsync(new { sighting_of = indicator, tlp = "green", scope = "alliance", anonymous = true });
        await RouteAsync(node);
        var item = Assert.Single((await InboxAsync(teamAdmin)).EnumerateArray());
        Assert.Contains("198.51.100.7", item.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("A sighting of", item.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("/intel/objects/" + Uri.EscapeDataString(sighting), item.GetProperty("link").GetString());
        Assert.DoesNotContain(alliance.OrgId("Other").ToString(), item.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Routing_TellsATeamOncePerVersion_EvenWhenItsFollowerStartsOver_AndWithdrawsWhenTheRecordGoes(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Team");
        await ClaimAsync(alliance, "Team", "grid.example");
        var owner = await alliance.ClientAsync("Owner", Role.Analyst);
        var teamReader = await alliance.ClientAsync("Team", Role.ReadOnly);
        var indicator = SightingHttp.Indicator(80, pattern: "[url:value = 'https://portal.grid.example/login']");
        await owner.ImportAsync(indicator);
        await RouteAsync(node);
        Assert.Equal(1, await QueuedForAsync(node, alliance.OrgId("Team")));

        // A process that died after queueing but before its mark moved would read the same records again: the mark goes
        // back to the start, and the team is still told once.
        await using (var scope = node.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TeamsDbContext>().RoutingMarks.ExecuteUpdateAsync(m => m.SetProperty(r => r.Position, 0L), Ct);
        }

        await RouteAsync(node);
        Assert.Equal(1, await QueuedForAsync(node, alliance.OrgId("Team")));

        // A new version is news: told again, once.
        indicator["modified"] = "2026-11-02T09:00:00.000Z";
        await owner.ImportAsync(indicator);
        await RouteAsync(node);
        await RouteAsync(node);
        Assert.Equal(2, await QueuedForAsync(node, alliance.OrgId("Team")));
        var inbox = await InboxAsync(teamReader);
        Assert.Equal(2, inbox.GetArrayLength());
        Assert.All(inbox.EnumerateArray(), i => Assert.Contains("portal.grid.example", i.GetProperty("title").GetString(), StringComparison.Ordinal));

        // The owner deletes the record: what the team was told is withdrawn, as the inbox withdraws what its reader may no longer read.
        using (var deleted = await owner.DeleteAsync($"/api/v1/objects/{indicator.Id()}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Equal(0, (await InboxAsync(teamReader)).GetArrayLength());
    }

    private static async Task ClaimAsync(TestAlliance alliance, string organisation, params string[] claims)
    {
        var networks = claims.Where(c => char.IsDigit(c[0])).ToArray();
        var domains = claims.Except(networks).ToArray();
        using var saved = await (await alliance.ClientAsync(organisation, Role.OrgAdmin)).PutAsJsonAsync(
            $"/api/v1/directory/teams/{alliance.OrgId(organisation)}", new { name = organisation + " CERT", country = "EE", networks, domains }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<string> ImportAsync(HttpClient client, string ip, string distribution)
    {
        var indicator = SightingHttp.Indicator(80, pattern: $"[ipv4-addr:value = '{ip}']");
        await client.ImportAsync(indicator, distribution);
        return indicator.Id();
    }

    /// <summary>Runs routing and the fan-out to the end, as the background services would.</summary>
    private static async Task RouteAsync(TestNode node)
    {
        await node.Services.GetRequiredService<RoutingFollower>().CatchUpAsync(Ct);
        await node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(Ct);
    }

    /// <summary>Routed notifications queued for an organisation, whether or not anyone read them.</summary>
    private static async Task<long> QueuedForAsync(TestNode node, Guid organisation)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
        var rows = await db.Database.ListAsync(
            "SELECT count(*) FROM notify_outbox WHERE kind = 'constituency-hit' AND audience LIKE @p0", r => r.GetInt64(0), Ct, $"org:{organisation:D}:%");
        return rows[0];
    }

    private static async Task<JsonElement> InboxAsync(HttpClient client) => await GetJsonAsync(client, "/api/v1/me/notifications");

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await GetJsonAsync(client, "/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await IntelHttp.JsonAsync(response);
    }
}
