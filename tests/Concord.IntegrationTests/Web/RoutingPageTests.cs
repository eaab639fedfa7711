using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Sightings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Constituency routing in the browser: a routed record in the team's inbox, and its admin's per-kind choice.</summary>
public class RoutingPageTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TeamAdmin_ReadsARoutedRecord_AndOptsOutOfSightings()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Team");
        var admin = await alliance.ClientAsync("Team", Role.OrgAdmin);
        using (var saved = await admin.PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId("Team")}", new { name = "Team CERT", country = "EE", networks = new[] { "198.51.100.0/24" } }, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await (await alliance.ClientAsync("Owner", Role.Analyst)).ImportAsync(SightingHttp.Indicator(80, pattern: "[ipv4-addr:value = '198.51.100.7']"));
        await node.Services.GetRequiredService<Concord.Teams.Features.Routing.RoutingFollower>().CatchUpAsync(Ct);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(Ct);

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Team", Role.OrgAdmin);
        await web.Page.GotoAsync("/inbox");
        var list = web.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" });
        await Assertions.Expect(list).ToContainTextAsync("In your constituency: 198.51.100.7");
        await Assertions.Expect(list).ToContainTextAsync("which lies in your team's constituency (198.51.100.0/24)");

        await web.Page.GotoAsync("/account/notifications");
        var routing = web.Page.GetByRole(AriaRole.Form, new() { Name = "Constituency routing" });
        var sightings = routing.GetByRole(AriaRole.Checkbox, new() { Name = "Sightings of indicators" });
        await Assertions.Expect(sightings).ToBeCheckedAsync();
        await sightings.UncheckAsync();
        await routing.GetByRole(AriaRole.Button, new() { Name = "Save routing" }).ClickAsync();
        await Assertions.Expect(web.Status).ToContainTextAsync("Routing saved.");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Form, new() { Name = "Constituency routing" }).GetByRole(AriaRole.Checkbox, new() { Name = "Sightings of indicators" })).Not.ToBeCheckedAsync();
        await web.ScreenshotAsync("team-routing");
        Assert.Empty(web.ConsoleErrors);

        var kinds = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/directory/teams/{alliance.OrgId("Team")}/routing", Ct)).GetProperty("kinds").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("routed").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["object"] = true, ["sighting"] = false }, kinds);
    }
}
