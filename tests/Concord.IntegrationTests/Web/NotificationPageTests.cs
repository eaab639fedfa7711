using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Notifications;
using Concord.IntegrationTests.Sightings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Notifications in the browser: the header's unread count and the inbox, each user's settings, an org admin's webhooks, the node's mail page.</summary>
public class NotificationPageTests(Browser browser)
{
    private const string Hit = "198.51.100.7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyst_SeesTheUnreadCount_ReadsTheAlertInTheInbox_AndMarksItRead()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        using (var optIn = await (await alliance.ClientAsync("Alpha", Role.OrgAdmin)).PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct))
        {
            optIn.EnsureSuccessStatusCode();
        }

        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        await analyst.ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=amber&scope=owner");
        await (await alliance.ClientAsync("Bravo", Role.Analyst)).ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=green");
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(Ct);

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        await web.Page.GotoAsync("/");
        var inboxLink = web.Page.GetByRole(AriaRole.Link, new() { Name = "Inbox, 1 unread" });
        await Assertions.Expect(inboxLink).ToBeVisibleAsync();
        await inboxLink.ClickAsync();
        await web.Page.WaitForURLAsync("**/inbox");
        var list = web.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" });
        await Assertions.Expect(list).ToContainTextAsync($"Hit alert: ipv4-addr {Hit}");
        await Assertions.Expect(list).ToContainTextAsync("Who reported it, and in which object, is not told.");
        await web.ScreenshotAsync("inbox");

        await web.Page.GetByRole(AriaRole.Button, new() { Name = $"Mark read: Hit alert: ipv4-addr {Hit}" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Inbox, nothing unread" })).ToBeVisibleAsync();
        await web.Page.GetByRole(AriaRole.Link, new() { Name = $"Hit alert: ipv4-addr {Hit}" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/intel/objects/**");
        Assert.Empty(web.ConsoleErrors);
    }

    [Fact]
    public async Task Inbox_ShowsTheNewestHundred_AndPagesOnToOlderOnes()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await alliance.ClientAsync("Bravo", Role.Analyst);
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        using var opened = await alpha.PostAsJsonAsync("/api/v1/cases", new { title = "Many questions", category = "fraud:phishing", severity = "low" }, Ct);
        var caseId = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid();
        for (var i = 1; i <= 101; i++)
        {
            using var asked = await alpha.PostAsJsonAsync($"/api/v1/cases/{caseId}/requests", new { kind = "other", urgency = "low", to = new[] { alliance.OrgId("Bravo") }, text = $"Question {i}" }, Ct);
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync(Ct));
        }

        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(Ct);

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);
        await web.Page.GotoAsync("/inbox");
        var items = web.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" }).Locator("> li");
        await Assertions.Expect(items).ToHaveCountAsync(100);
        var pager = web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Older and newer notifications" });
        await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Newest" })).ToHaveCountAsync(0);
        await pager.GetByRole(AriaRole.Link, new() { Name = "Older notifications" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/inbox?before=*");

        // The oldest one, alone on the second page, and a way back.
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items).ToContainTextAsync("Question 1 Acknowledge");
        await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Older notifications" })).ToHaveCountAsync(0);
        await pager.GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/inbox");
        await Assertions.Expect(items).ToHaveCountAsync(100);

        // Paging on from a notification not in this inbox (unknown, or not an id at all) is refused and lists nothing.
        foreach (var bad in new[] { Guid.NewGuid().ToString(), "not-an-id" })
        {
            var refused = await web.Page.GotoAsync($"/inbox?before={bad}");
            Assert.Equal(400, refused!.Status);
            await Assertions.Expect(web.Page.Locator("main")).ToContainTextAsync("is not a notification in your inbox");
            await Assertions.Expect(items).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Member_TurnsEmailOffForAKind_AndTheChoiceStays()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.ReadOnly);

        await web.Page.GotoAsync("/account");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Notification settings" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/account/notifications");
        var email = web.Page.GetByLabel("Hit alerts by e-mail");
        await Assertions.Expect(email).ToBeCheckedAsync();
        await email.UncheckAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Save Hit alerts" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByText("Saved.")).ToBeVisibleAsync();
        await web.ScreenshotAsync("notification-settings");

        await web.Page.ReloadAsync();
        await Assertions.Expect(web.Page.GetByLabel("Hit alerts by e-mail")).Not.ToBeCheckedAsync();
        await Assertions.Expect(web.Page.GetByLabel("Hit alerts in the inbox")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task OrgAdmin_AddsAWebhook_SeesItsSecretOnce_AndSendsATest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?> { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/webhooks");
        var url = new Uri(receiver.BaseAddress, "soar").ToString();
        await web.Page.GetByLabel("URL").FillAsync(url);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var secret = await web.Page.Locator("#webhook-secret").TextContentAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = $"Send test to {url}" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByText($"The test reached {url} (HTTP 200).")).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = $"Last deliveries to {url}" })).ToContainTextAsync("sent");
        await Assertions.Expect(web.Page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        await web.ScreenshotAsync("admin-webhooks");
        Assert.Single(receiver.Posts);
    }

    [Fact]
    public async Task NodeAdmin_SeesTheMailRelayIsNotConfigured_AndWhy()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Mail" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/mail");
        await Assertions.Expect(web.Page.Locator("#smtp-status")).ToContainTextAsync("not configured");
        await web.Page.GetByLabel("To").FillAsync("ops@node.test");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Send test e-mail" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByText("No SMTP relay is configured")).ToBeVisibleAsync();
        await web.ScreenshotAsync("admin-mail");
    }
}
