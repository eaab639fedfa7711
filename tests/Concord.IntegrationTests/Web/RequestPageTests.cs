using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// Assistance requests in the browser: an analyst opens a case, asks the owner of an IP address for help from the case
/// page (a countdown to each deadline, and the deadline itself), and the other team acknowledges it from its queue
/// before the deadline; a request nobody acknowledges escalates to the team's escalation contacts, then the secretariat.
/// </summary>
public class RequestPageTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyst_AsksTheOwnerOfAnAddress_AndTheOtherTeamAcknowledgesBeforeTheDeadline()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Lagoon CERT", "Harbour CSIRT");
        using (var profile = await (await alliance.ClientAsync("Harbour CSIRT", Role.OrgAdmin)).PutAsJsonAsync(
            $"/api/v1/directory/teams/{alliance.OrgId("Harbour CSIRT")}", new { name = "Harbour CSIRT", country = "EE", type = "national-cert", networks = new[] { "192.0.2.0/24" } }, Ct))
        {
            Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync(Ct));
        }

        using var opened = await (await alliance.ClientAsync("Lagoon CERT", Role.Analyst)).PostAsJsonAsync("/api/v1/cases", new { title = "Scanner in the port network", category = "information-gathering:scanner", severity = "high" }, Ct);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        await using (var lagoon = await browser.OpenAsync(node))
        {
            await lagoon.SignInAsAsync(alliance, "Lagoon CERT", Role.Analyst);
            await lagoon.Page.GotoAsync($"/cases/{caseId}");
            var main = lagoon.Page.Locator("main");
            var ask = main.GetByRole(AriaRole.Form, new() { Name = "Ask for assistance" });
            await ask.GetByLabel("Ask for").SelectOptionAsync(new SelectOptionValue { Label = "Block" });
            await ask.GetByLabel("What exactly").FillAsync("Please block the scanner at 192.0.2.44 at your border.");
            await ask.GetByLabel("Urgency").SelectOptionAsync("critical");
            await ask.GetByLabel("Ask the owner of (IP, network, AS number or domain)").FillAsync("192.0.2.44");
            await ask.GetByLabel("UN GGE norm it answers (optional letter, a–k)").FillAsync("h");
            await ask.GetByRole(AriaRole.Button, new() { Name = "Ask for assistance" }).ClickAsync();
            await Assertions.Expect(main.GetByText("The request for assistance was sent.")).ToBeVisibleAsync();
            var card = main.GetByRole(AriaRole.Article, new() { Name = "Request Harbour CSIRT" });
            await Assertions.Expect(card).ToContainTextAsync("Lagoon CERT → Harbour CSIRT");
            await Assertions.Expect(card).ToContainTextAsync("open");
            await Assertions.Expect(card.Locator("time.countdown").First).ToContainTextAsync("in ");
            await Assertions.Expect(card).ToContainTextAsync("2026-11-01 09:3");
            await lagoon.ScreenshotAsync("request-asked");
        }

        await using var harbour = await browser.OpenAsync(node);
        await harbour.SignInAsAsync(alliance, "Harbour CSIRT", Role.Analyst);
        await harbour.Page.GotoAsync("/");
        await harbour.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Requests" }).ClickAsync();
        await harbour.Page.WaitForURLAsync("**/requests/queue");
        var queue = harbour.Page.Locator("main");
        var request = queue.GetByRole(AriaRole.Article, new() { Name = "Request Harbour CSIRT" });
        await Assertions.Expect(request).ToContainTextAsync("Please block the scanner");
        await Assertions.Expect(request).ToContainTextAsync("not shared with your organisation");
        await harbour.ScreenshotAsync("request-queue");
        await request.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(queue.GetByText("The request was acknowledged.")).ToBeVisibleAsync();
        await Assertions.Expect(queue.GetByRole(AriaRole.Article, new() { Name = "Request Harbour CSIRT" })).ToContainTextAsync("acknowledged");

        // Acknowledged before its deadline, as the requester reads it.
        var asked = Assert.Single((await (await alliance.ClientAsync("Lagoon CERT", Role.Analyst)).GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/requests", Ct)).EnumerateArray());
        Assert.Equal("acknowledged", asked.GetProperty("status").GetString());
        Assert.True(asked.GetProperty("acknowledged").GetDateTimeOffset() < asked.GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal(0, asked.GetProperty("escalationStage").GetInt32());
    }

    [Fact]
    public async Task MissedDeadline_Escalates_ToTheTeamsAdminsThenTheSecretariat_AndBothSidesSeeIt()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Lagoon CERT", "Harbour CSIRT", "Alliance Secretariat");
        await alliance.ClientAsync("Alliance Secretariat", Role.Secretariat);
        await alliance.ClientAsync("Harbour CSIRT", Role.OrgAdmin);
        var lagoon = await alliance.ClientAsync("Lagoon CERT", Role.Analyst);
        using var opened = await lagoon.PostAsJsonAsync("/api/v1/cases", new { title = "Phishing kit on a member's host", category = "fraud:phishing", severity = "critical" }, Ct);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var asked = await lagoon.PostAsJsonAsync($"/api/v1/cases/{caseId}/requests",
            new { kind = "take-down", urgency = "critical", to = new[] { alliance.OrgId("Harbour CSIRT") }, text = "Take the phishing kit down now." }, Ct);
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync(Ct));
        var requestId = Assert.Single((await asked.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()).GetProperty("id").GetGuid();

        // Nobody at Harbour acknowledges within the 30 minutes of a critical request: its admins are told (Harbour has
        // no escalation contact with an account).
        node.Time.Advance(TimeSpan.FromMinutes(31));
        await EscalateAndDeliverAsync(node);
        await using (var harbour = await browser.OpenAsync(node))
        {
            await harbour.SignInAsAsync(alliance, "Harbour CSIRT", Role.OrgAdmin);
            await harbour.Page.GotoAsync("/inbox");
            var notice = harbour.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Overdue") });
            await Assertions.Expect(notice).ToHaveCountAsync(1);
            await notice.ClickAsync();
            await harbour.Page.WaitForURLAsync($"**/requests/{requestId}");
            var card = harbour.Page.Locator("main").GetByRole(AriaRole.Article, new() { Name = "Request Harbour CSIRT" });
            await Assertions.Expect(card).ToContainTextAsync("not acknowledged in time: to the team's escalation contacts");
            await Assertions.Expect(card.GetByRole(AriaRole.List, new() { Name = "History" })).ToContainTextAsync("(stage 1)");
            await harbour.ScreenshotAsync("request-escalated");
        }

        // Another acknowledgement period on: the secretariat is told who asked whom, never what; the alliance view lists it.
        node.Time.Advance(TimeSpan.FromMinutes(30));
        await EscalateAndDeliverAsync(node);
        await using (var secretariat = await browser.OpenAsync(node))
        {
            await secretariat.SignInAsAsync(alliance, "Alliance Secretariat", Role.Secretariat);
            await secretariat.Page.GotoAsync("/inbox");
            var notices = secretariat.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" });
            await Assertions.Expect(notices).ToContainTextAsync("Harbour CSIRT");
            await Assertions.Expect(notices).Not.ToContainTextAsync("phishing kit");
            await secretariat.Page.GotoAsync("/requests/alliance");
            await Assertions.Expect(secretariat.Page.Locator("main")).ToContainTextAsync("Lagoon CERT");
            await Assertions.Expect(secretariat.Page.Locator("main")).Not.ToContainTextAsync("phishing kit");
        }

        // The requester's case page shows how far it went.
        await using var requester = await browser.OpenAsync(node);
        await requester.SignInAsAsync(alliance, "Lagoon CERT", Role.Analyst);
        await requester.Page.GotoAsync($"/cases/{caseId}");
        var asking = requester.Page.Locator("main").GetByRole(AriaRole.Article, new() { Name = "Request Harbour CSIRT" });
        await Assertions.Expect(asking).ToContainTextAsync("to the team's escalation contacts and the secretariat");
    }

    /// <summary>Runs the escalation service's and the notifications' fan-out work now, as their background loops would.</summary>
    private static async Task EscalateAndDeliverAsync(TestNode node)
    {
        await node.Services.GetRequiredService<Concord.Incidents.Features.Requests.EscalationFollower>().CatchUpAsync(Ct);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(Ct);
    }
}
