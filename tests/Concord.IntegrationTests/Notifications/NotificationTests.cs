using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Sightings;
using Concord.Notifications;
using Concord.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Notifications;

/// <summary>
/// The notification service end to end, with hit alerts as the kind that exists today: each recipient is told what
/// it may read and nothing else, in the inbox, by e-mail through a real SMTP server, and by signed webhooks.
/// </summary>
public class NotificationTests
{
    private const string Hit = "198.51.100.7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HitAlert_ReachesTheOwnersInboxes_AsTheyChose_AndNobodyElse(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var analyst = await alliance.ClientAsync("Owner", Role.Analyst);
        var readOnly = await alliance.ClientAsync("Owner", Role.ReadOnly);
        var reporterAdmin = await alliance.ClientAsync("Reporter", Role.OrgAdmin);
        await OptInAsync(alliance);

        // The read-only member turns the inbox off for hit alerts; an unknown kind is refused, naming the field.
        using var off = await readOnly.PutAsJsonAsync("/api/v1/me/notification-preferences", new { kind = "hit-alert", inbox = false }, Ct);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        using var unknown = await readOnly.PutAsJsonAsync("/api/v1/me/notification-preferences", new { kind = "no-such-kind", inbox = false }, Ct);
        Assert.Equal("kind", (await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "kind-unknown")).GetProperty("field").GetString());

        var amber = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        await analyst.ImportAsync(amber, "tlp=amber&scope=owner");
        var reported = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        await reporterAdmin.ImportAsync(reported, "tlp=green&scope=alliance");

        var inbox = await WaitForInboxAsync(analyst, 1);
        var item = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("hit-alert", item.GetProperty("kind").GetString());
        Assert.Contains(Hit, item.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(amber.Id()), item.GetProperty("link").GetString(), StringComparison.Ordinal);
        var text = inbox.GetRawText();
        Assert.DoesNotContain(reported.Id(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(alliance.OrgId("Reporter").ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await UnreadAsync(analyst));
        Assert.Single((await WaitForInboxAsync(await alliance.ClientAsync("Owner", Role.OrgAdmin), 1)).EnumerateArray());

        // Nobody else was told: not the member who turned it off, not the reporter, not another organisation's admin.
        Assert.Equal(0, (await InboxAsync(readOnly)).GetArrayLength());
        Assert.Equal(0, (await InboxAsync(reporterAdmin)).GetArrayLength());
        Assert.Equal(0, await UnreadAsync(reporterAdmin));

        // Another user's notification does not exist for the reporter; the owner's analyst marks it read.
        var id = item.GetProperty("id").GetGuid();
        using var foreign = await reporterAdmin.PostAsync($"/api/v1/me/notifications/{id}/read", null, Ct);
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound, "not-found");
        using var read = await analyst.PostAsync($"/api/v1/me/notifications/{id}/read", null, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, await UnreadAsync(analyst));
        Assert.Equal(0, (await InboxAsync(analyst, "?unread=true")).GetArrayLength());

        using var anonymous = await alliance.Anonymous().GetAsync("/api/v1/me/notifications", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Inbox_PagesOnFromANotification_NewestFirst_UntilAnEmptyPage(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var analyst = await alliance.ClientAsync("Owner", Role.Analyst);
        var reporter = await alliance.ClientAsync("Reporter", Role.Analyst);
        await OptInAsync(alliance);
        for (var i = 1; i <= 5; i++)
        {
            await analyst.ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '198.51.100.{i}']"), "tlp=amber&scope=owner");
            await reporter.ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '198.51.100.{i}']"), "tlp=green&scope=alliance");
        }

        var all = (await WaitForInboxAsync(analyst, 5)).EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(5, all.Count);

        // Two at a time, each page after the last one's last notification: the same notifications in the same order, then an empty page.
        var paged = new List<Guid>();
        var sizes = new List<int>();
        string query = "?limit=2";
        while (true)
        {
            var page = (await InboxAsync(analyst, query)).EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
            sizes.Add(page.Count);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page);
            query = $"?limit=2&before={page[^1]}";
        }

        Assert.Equal(all, paged);
        Assert.Equal([2, 2, 1, 0], sizes);

        // A notification that is not in the caller's inbox (unknown, or another user's) is refused the same way, naming the field.
        var reporterAdmin = await alliance.ClientAsync("Reporter", Role.OrgAdmin);
        foreach (var other in new[] { Guid.NewGuid(), all[0] })
        {
            using var refused = await reporterAdmin.GetAsync($"/api/v1/me/notifications?before={other}", Ct);
            Assert.Equal("before", (await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "unknown-notification")).GetProperty("field").GetString());
        }

        // Not an id at all: refused by the API's binding, naming the parameter and the value.
        using var malformed = await analyst.GetAsync("/api/v1/me/notifications?before=not-an-id", Ct);
        var problem = await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(("before", "Parameter \"before\": \"not-an-id\" is not a valid UUID."), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Webhook_IsSignedOverTheBody_RetriedAfterAFailure_AndLogged(Store store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
            ["Concord:Notifications:FirstRetryDelay"] = "00:00:00",
        });
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var admin = await alliance.ClientAsync("Owner", Role.OrgAdmin);
        await OptInAsync(alliance);

        // Bad input names its field and stores nothing; an analyst may not add webhooks.
        using (var bad = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://soar.example/x" }, Ct))
        {
            Assert.Equal("url", (await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "url-format")).GetProperty("field").GetString());
        }

        using (var unknownKind = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = Url(receiver, "owner"), kinds = new[] { "nope" } }, Ct))
        {
            Assert.Equal("kinds", (await ProblemAssert.IsProblemAsync(unknownKind, HttpStatusCode.BadRequest, "kind-unknown")).GetProperty("field").GetString());
        }

        using (var analyst = await (await alliance.ClientAsync("Owner", Role.Analyst)).PostAsJsonAsync("/api/v1/webhooks", new { url = Url(receiver, "owner") }, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        }

        Assert.Equal(0, (await JsonAsync(await admin.GetAsync("/api/v1/webhooks", Ct))).GetArrayLength());
        using var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = Url(receiver, "owner"), kinds = new[] { "hit-alert" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await JsonAsync(created);
        var secret = webhook.GetProperty("secret").GetString()!;
        var webhookId = webhook.GetProperty("id").GetGuid();
        Assert.False((await JsonAsync(await admin.GetAsync("/api/v1/webhooks", Ct)))[0].TryGetProperty("secret", out var shown) && shown.ValueKind == JsonValueKind.String);

        // The reporter's organisation has a webhook too: it must hear nothing of the owner's alert.
        using (var reporterHook = await (await alliance.ClientAsync("Reporter", Role.OrgAdmin)).PostAsJsonAsync("/api/v1/webhooks", new { url = Url(receiver, "reporter") }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, reporterHook.StatusCode);
        }

        await (await alliance.ClientAsync("Owner", Role.Analyst)).ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=amber&scope=owner");
        await (await alliance.ClientAsync("Reporter", Role.Analyst)).ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=green");

        // The first post fails (500) and is retried: two posts of the same delivery, each signed over its body.
        var posts = await receiver.WaitForAsync(p => p.Path == "/owner", 2);
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Delivery, posts[1].Delivery);
        foreach (var post in posts)
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(post.Body))), post.Signature);
            using var body = JsonDocument.Parse(post.Body);
            Assert.Equal("hit-alert", body.RootElement.GetProperty("kind").GetString());
            Assert.Contains(Hit, body.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        var log = await WaitForDeliveryAsync(admin, webhookId, "sent");
        Assert.Equal((2, 200), (log.GetProperty("attempts").GetInt32(), log.GetProperty("status_code").GetInt32()));

        // "Send test" answers how it went, at once.
        using var test = await admin.PostAsync($"/api/v1/webhooks/{webhookId}/test", null, Ct);
        Assert.Equal("sent", (await JsonAsync(test)).GetProperty("status").GetString());
        Assert.DoesNotContain(receiver.Posts, p => p.Path == "/reporter");

        using var deleted = await admin.DeleteAsync($"/api/v1/webhooks/{webhookId}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.PostAsync($"/api/v1/webhooks/{webhookId}/test", null, Ct);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Webhook_ToAPrivateAddress_IsRefusedByTheOutboundGuard_UnlessAllowListed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner");
        var admin = await alliance.ClientAsync("Owner", Role.OrgAdmin);
        using var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = Url(receiver, "private") }, Ct);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();

        using var test = await admin.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct);
        var delivery = await JsonAsync(test);
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Contains("127.0.0.1", delivery.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Email_GoesThroughTheSmtpRelay_ToTheOwnersMembersOnly(Store store)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Concord:Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Concord:Notifications:Smtp:Security"] = "None",
            ["Concord:Notifications:Smtp:Sender"] = "Concord <concord@node.test>",
            ["Concord:Notifications:PublicUrl"] = "https://concord.node.test",
        });
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var analyst = await alliance.ClientAsync("Owner", Role.Analyst);
        var reporter = await alliance.ClientAsync("Reporter", Role.Analyst);
        await OptInAsync(alliance);
        var amber = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        await analyst.ImportAsync(amber, "tlp=amber&scope=owner");
        var reported = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        await reporter.ImportAsync(reported, "tlp=green&scope=alliance");

        // The owner's org admin (who opted in) and analyst have accounts with addresses: one message each.
        var messages = await smtp.WaitForAsync(2);
        var to = messages.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["owner-analyst@owner.test", "owner-orgadmin@owner.test"], to);
        foreach (var message in messages)
        {
            Assert.Contains(Hit, message.Subject, StringComparison.Ordinal);
            Assert.Equal("concord@node.test", message.From.Mailboxes.Single().Address);
            Assert.Contains("https://concord.node.test/intel/objects/", message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(reported.Id(), message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(alliance.OrgId("Reporter").ToString(), message.TextBody, StringComparison.OrdinalIgnoreCase);
        }

        // The node admin sees the relay's state and sends a test; nobody else may.
        var nodeAdmin = await alliance.ClientAsync("Owner", Role.NodeAdmin);
        using (var forbidden = await analyst.GetAsync("/api/v1/mail", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var test = await nodeAdmin.PostAsJsonAsync("/api/v1/mail/test", new { to = "ops@node.test" }, Ct);
        Assert.Equal("sent", (await JsonAsync(test)).GetProperty("status").GetString());
        Assert.Contains(await smtp.WaitForAsync(3), m => m.To.Mailboxes.Any(b => b.Address == "ops@node.test"));
        using var badTest = await nodeAdmin.PostAsJsonAsync("/api/v1/mail/test", new { to = "not an address" }, Ct);
        Assert.Equal("to", (await ProblemAssert.IsProblemAsync(badTest, HttpStatusCode.BadRequest, "email-format")).GetProperty("field").GetString());
        var status = await JsonAsync(await nodeAdmin.GetAsync("/api/v1/mail", Ct));
        Assert.True(status.GetProperty("configured").GetBoolean());
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("last_sent_at").ValueKind);

        // The node's operator has the same on the command line.
        var cli = await CliRunner.RunAsync(node, "mail", "status");
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains($"Relay: 127.0.0.1:{smtp.Port} (None), sender Concord <concord@node.test>", cli.Out, StringComparison.Ordinal);
        var cliTest = await CliRunner.RunAsync(node, "mail", "test", "cli@node.test");
        Assert.True(cliTest.ExitCode == 0, cliTest.ToString());
        Assert.Contains(await smtp.WaitForAsync(4), m => m.To.Mailboxes.Any(b => b.Address == "cli@node.test"));
        Assert.Equal(2, (await CliRunner.RunAsync(node, "mail", "test", "not an address")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Enqueue_CommitsWithTheSendersTransaction_AndOnceKeysAreKeptOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner");
        var to = NotificationAudience.Organisation(alliance.OrgId("Owner"));
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await notifier.EnqueueAsync(new Notification("hit-alert", Guid.NewGuid().ToString(), to, "rolled-back"), transaction.GetDbTransaction(), Ct);
            await transaction.RollbackAsync(Ct);
        }

        await notifier.SendAsync(new Notification("hit-alert", Guid.NewGuid().ToString(), to, "once"), Ct);
        await notifier.SendAsync(new Notification("hit-alert", Guid.NewGuid().ToString(), to, "once"), Ct);
        Assert.Equal(["hit-alert:once"], await db.Outbox.AsNoTracking().Select(o => o.OnceKey).ToListAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => notifier.SendAsync(new Notification("unregistered", "x", to, "k"), Ct));
    }

    private static string Url(WebhookReceiver receiver, string path) => new Uri(receiver.BaseAddress, path).ToString();

    private static async Task OptInAsync(TestAlliance alliance)
    {
        using var response = await (await alliance.ClientAsync("Owner", Role.OrgAdmin)).PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await IntelHttp.JsonAsync(response);
        }
    }

    private static async Task<JsonElement> InboxAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/api/v1/me/notifications" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await IntelHttp.JsonAsync(response);
    }

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/v1/me/notifications/unread-count", Ct))).GetProperty("unread").GetInt32();

    /// <summary>Alerts are detected and fanned out in the background after the import commits: wait (bounded).</summary>
    private static async Task<JsonElement> WaitForInboxAsync(HttpClient client, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var inbox = await InboxAsync(client);
            if (inbox.GetArrayLength() >= count || attempt == 600)
            {
                return inbox;
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(HttpClient client, Guid webhook, string status)
    {
        for (var attempt = 0; ; attempt++)
        {
            var log = await JsonAsync(await client.GetAsync($"/api/v1/webhooks/{webhook}/deliveries", Ct));
            if (log.EnumerateArray().FirstOrDefault(d => d.GetProperty("status").GetString() == status) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(attempt < 600, $"No delivery reached '{status}': {log.GetRawText()}");
            await Task.Delay(50, Ct);
        }
    }
}
