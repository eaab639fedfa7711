using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Concord.Access;
using Concord.Notifications.Features.FanOut;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Assistance requests. Owner opens, at AMBER and at RED, a case for itself alone and a case shared with Recipient. From
/// its own case Owner asks Grouped; from the shared case Recipient asks Grouped and Owner asks Witness. The rule the
/// module states: a request is read by its requester's and its receiver's organisations, and by whoever may read its
/// case (the oracle), nobody else — so Grouped reads the requests asked of it and not the case, Recipient reads what was
/// asked from the shared case, Other reads nothing. The request page, the case's request list, the case page and its STIX bundle, the queue,
/// the sent list, the browser pages and the notifications must agree; the alliance view never carries a request's text.
/// </summary>
internal sealed class RequestPaths : IReadPath
{
    private static readonly ConditionalWeakTable<LeakWorld, Task<List<Asked>>> Seeds = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "assistance requests";

    public IReadOnlyList<string> Routes { get; } =
    [
        "GET /api/v1/cases/{caseId:guid}/requests/", "GET /api/v1/requests/{requestId:guid}", "GET /api/v1/requests/queue", "GET /api/v1/requests/sent",
        "GET /api/v1/requests/alliance", "GET,POST /requests/{RequestId:guid} (page)", "GET,POST /requests/queue (page)", "GET,POST /requests/alliance (page)",
    ];

    private sealed record Asked(string Text, Guid Id, LeakRecord Case, string Requester, string Receiver);

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var asked = await Seeds.GetValue(world, SeedAsync);
        var client = await world.ClientAsync(reader);
        if (reader.Kind != PrincipalKind.Member)
        {
            foreach (var url in new[] { "/api/v1/requests/queue", "/api/v1/requests/alliance" }.Concat(asked.Select(a => $"/api/v1/requests/{a.Id}")))
            {
                using var response = await client.GetAsync(url, Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    report.Add(reader, $"{url} answered a non-member");
                }
            }

            return;
        }

        var web = await world.BrowserAsync(reader);
        var queue = await client.GetStringAsync("/api/v1/requests/queue?all=true", Ct);
        var sent = await client.GetStringAsync("/api/v1/requests/sent?all=true", Ct);
        var queuePage = await web.GetStringAsync("/requests/queue", Ct);
        var alliance = await client.GetStringAsync("/api/v1/requests/alliance", Ct);
        var alliancePage = await web.GetStringAsync("/requests/alliance", Ct);
        await world.Node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(CancellationToken.None);
        var told = (await world.InboxAsync(reader)).Where(n => n.GetProperty("kind").GetString() == "assistance-request").Select(n => n.GetProperty("link").GetString()).ToHashSet();
        foreach (var a in asked)
        {
            var org = reader.Organisation;
            var expected = org == a.Requester || org == a.Receiver || world.MayRead(reader, a.Case);
            using (var one = await client.GetAsync($"/api/v1/requests/{a.Id}", Ct))
            {
                await report.StatusAsync(reader, a.Case, $"request {a.Text}", expected, one);
            }

            if (!expected)
            {
                await report.SameAsMissingAsync(reader, a.Case with { Id = a.Id.ToString() }, "request", client, $"/api/v1/requests/{a.Id}", $"/api/v1/requests/{Guid.Empty}", Guid.Empty.ToString());
            }

            using var forCase = await client.GetAsync($"/api/v1/cases/{a.Case.Id}/requests", Ct);
            report.Sees(reader, a.Case, $"case requests: {a.Text}", expected, (await forCase.Content.ReadAsStringAsync(Ct)).Contains(a.Text, StringComparison.Ordinal));
            using var casePage = await web.GetAsync($"/cases/{a.Case.Id}", Ct);
            report.Sees(reader, a.Case, $"case page: {a.Text}", expected && world.MayRead(reader, a.Case), (await casePage.Content.ReadAsStringAsync(Ct)).Contains(a.Text, StringComparison.Ordinal));
            using var bundle = await client.GetAsync($"/api/v1/cases/{a.Case.Id}/stix", Ct);
            report.Sees(reader, a.Case, $"case as STIX: {a.Text}", world.MayRead(reader, a.Case), (await bundle.Content.ReadAsStringAsync(Ct)).Contains(a.Text, StringComparison.Ordinal));
            using var page = await web.GetAsync($"/requests/{a.Id}", Ct);
            report.Sees(reader, a.Case, $"request page: {a.Text}", expected, (await page.Content.ReadAsStringAsync(Ct)).Contains(a.Text, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"queue: {a.Text}", org == a.Receiver, queue.Contains(a.Text, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"sent: {a.Text}", org == a.Requester, sent.Contains(a.Text, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"queue page: {a.Text}", org == a.Receiver || org == a.Requester, queuePage.Contains(a.Text, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"alliance view: {a.Text}", false, alliance.Contains(a.Text, StringComparison.Ordinal) || alliancePage.Contains(a.Text, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"alliance view: case {a.Case.Word}", false, alliance.Contains(a.Case.Word!, StringComparison.Ordinal) || alliancePage.Contains(a.Case.Word!, StringComparison.Ordinal));
            report.Sees(reader, a.Case, $"inbox: {a.Text}", org == a.Receiver, told.Contains($"/requests/{a.Id}"));
        }
    }

    private static async Task<List<Asked>> SeedAsync(LeakWorld world)
    {
        var owner = await world.Alliance.ClientAsync(LeakWorld.Owner, Role.Analyst);
        var recipient = await world.Alliance.ClientAsync(LeakWorld.Recipient, Role.Analyst);
        var asked = new List<Asked>();
        foreach (var tlp in new[] { Tlp.Amber, Tlp.Red })
        {
            foreach (var shared in new[] { false, true })
            {
                var word = $"reqcase{Guid.NewGuid():N}";
                var label = Distribution.Label(tlp).ToLowerInvariant();
                var participants = shared ? new[] { world.Alliance.OrgId(LeakWorld.Recipient) } : [];
                using var opened = await owner.PostAsJsonAsync("/api/v1/cases", new { title = $"Leak request case {word}", category = "intrusions:system-compromise", tlp = label, participants }, Ct);
                opened.EnsureSuccessStatusCode();
                var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
                var record = new LeakRecord($"request case {label}{(shared ? " shared" : "")}", caseId.ToString(), "case", LeakWorld.Owner, tlp,
                    shared ? Scope.Recipients : Scope.Owner, shared ? new HashSet<string> { LeakWorld.Recipient } : new HashSet<string>()) { Word = word };
                if (!shared)
                {
                    asked.Add(await AskAsync(world, owner, record, LeakWorld.Owner, LeakWorld.Grouped));
                    continue;
                }

                asked.Add(await AskAsync(world, recipient, record, LeakWorld.Recipient, LeakWorld.Grouped));
                asked.Add(await AskAsync(world, owner, record, LeakWorld.Owner, LeakWorld.Witness));
            }
        }

        return asked;
    }

    private static async Task<Asked> AskAsync(LeakWorld world, HttpClient client, LeakRecord record, string requester, string receiver)
    {
        var text = $"request-{Guid.NewGuid():N}";
        using var response = await client.PostAsJsonAsync($"/api/v1/cases/{record.Id}/requests", new { kind = "block", text, to = new[] { world.Alliance.OrgId(receiver) } }, Ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"request: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("id").GetGuid();
        return new Asked(text, id, record, requester, receiver);
    }
}
