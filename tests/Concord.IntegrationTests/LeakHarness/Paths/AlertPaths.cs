using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Hit alerts and the notifications that carry them. Owner opted in before the witness reported every value again, so
/// Owner's members — and nobody else — are told about exactly Owner's AMBER and AMBER+STRICT indicators (never RED,
/// never the GREEN or CLEAR ones), in the alert list, the inbox, its unread count and the inbox page; nothing names the
/// witness or its objects.
/// </summary>
internal sealed partial class AlertPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "hit alerts and the inbox";

    public IReadOnlyList<string> Routes { get; } =
        ["GET /api/v1/alerts/", "GET /api/v1/me/notifications", "GET /api/v1/me/notifications/unread-count", "GET,POST /inbox (page)"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        if (reader.Kind != PrincipalKind.Member)
        {
            var want = reader.Kind == PrincipalKind.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            foreach (var url in new[] { "/api/v1/alerts", "/api/v1/me/notifications" })
            {
                using var closed = await client.GetAsync(url, Ct);
                if (closed.StatusCode != want)
                {
                    report.Add(reader, $"{url}: expected {(int)want}, got {(int)closed.StatusCode}");
                }
            }

            return;
        }

        var expected = world.Of("indicator")
            .Where(r => reader.Organisation == LeakWorld.Owner && r.Owner == LeakWorld.Owner && !r.Deleted && r.Value is not null
                && r.Tlp is Tlp.Amber or Tlp.AmberStrict)
            .Select(r => r.Id).ToHashSet();
        var foreign = world.Records.Where(r => r.Owner == LeakWorld.Witness).Select(r => r.Id)
            .Append(world.Alliance.OrgId(LeakWorld.Witness).ToString()).ToList();

        using var alerts = await client.GetAsync("/api/v1/alerts?limit=1000", Ct);
        var alertBody = await alerts.Content.ReadAsStringAsync(Ct);
        var alerted = JsonDocument.Parse(alertBody).RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("object").GetString()!).ToHashSet();
        Compare(report, reader, "alert list", expected, alerted);

        // Only the hit alerts: the inbox holds other kinds too (constituency routing's, checked by RoutingPaths).
        var inbox = await world.InboxAsync(reader);
        var alertItems = inbox.Where(i => i.GetProperty("kind").GetString() == "hit-alert").ToList();
        var inboxBody = string.Join('\n', alertItems.Select(i => i.GetRawText()));
        var told = alertItems
            .Select(i => Uri.UnescapeDataString(i.GetProperty("link").GetString()!.Split('?')[0].Split('/')[^1])).ToHashSet();
        Compare(report, reader, "inbox", expected, told);

        // The count covers every kind the inbox holds (constituency routing's too): nothing is read, so all are unread.
        var held = inbox.Count;
        var unread = (await (await client.GetAsync("/api/v1/me/notifications/unread-count", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("unread").GetInt32();
        if (unread != held)
        {
            report.Add(reader, $"unread count {unread}, but the inbox holds {held}");
        }

        var page = string.Join('\n', HitAlertItems().Matches(await InboxPageAsync(world, reader)).Select(m => m.Value));
        foreach (var record in world.Of("indicator").Where(r => r.Owner == LeakWorld.Owner && r.Value is not null))
        {
            report.Sees(reader, record, "inbox page", expected.Contains(record.Id), page.Contains(Uri.EscapeDataString(record.Id), StringComparison.Ordinal));
        }

        foreach (var id in foreign.Where(id => alertBody.Contains(id, StringComparison.OrdinalIgnoreCase) || inboxBody.Contains(id, StringComparison.OrdinalIgnoreCase) || page.Contains(id, StringComparison.OrdinalIgnoreCase)))
        {
            report.Add(reader, $"an alert names the reporter or its object: {id}");
        }
    }

    private static void Compare(Mismatches report, Reader reader, string where, HashSet<string> expected, HashSet<string> seen)
    {
        foreach (var id in expected.Except(seen))
        {
            report.Add(reader, $"{where}: no alert for {id}, which the witness reported again");
        }

        foreach (var id in seen.Except(expected))
        {
            report.Add(reader, $"{where}: an alert for {id}, which this reader must not be told about");
        }
    }

    private static async Task<string> InboxPageAsync(LeakWorld world, Reader reader) =>
        await (await world.BrowserAsync(reader)).GetStringAsync("/inbox", Ct);

    /// <summary>The inbox page's hit alerts (each item names its kind).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<li[^>]*data-kind=\"hit-alert\"[^>]*>.*?</li>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex HitAlertItems();
}
