using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Notifications.Features.FanOut;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Incident cases and their parts. Owner opens a case at every TLP twice — for itself alone, and shared with Recipient and
/// Grouped — and every shared case gets: a comment, a task and an attachment by Recipient; a TLP:RED comment by Owner that
/// names only Owner (Recipient may read the case, not this comment); a comment by Grouped, after which Owner removes
/// Grouped from the case (Grouped keeps its own comment and nothing else); a comment Recipient withdraws (its own alone).
/// On a RED case, parts that take the case's TLP name the three organisations in the case when they are written.
/// A case is read as the oracle says (owner, TLP, recipients); a contribution by the rule the module states: its author
/// always, others while they may read the case, RED ones only the organisations named, withdrawn ones nobody but its
/// author. Lists, counts, the case page, its STIX download, attachment downloads, the browser pages and the "case shared
/// with you" notifications must all agree; what a reader may not read answers as a missing case.
/// </summary>
internal sealed class CasePaths : IReadPath
{
    private static readonly ConditionalWeakTable<LeakWorld, Task<Seeded>> Seeds = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "incident cases";

    public IReadOnlyList<string> Routes { get; } =
    [
        "GET /api/v1/cases/", "GET /api/v1/cases/{caseId:guid}", "GET /api/v1/cases/{caseId:guid}/stix",
        "GET /api/v1/cases/{caseId:guid}/attachments/{attachmentId:guid}",
        "GET,POST /cases (page)", "GET,POST /cases/{CaseId:guid} (page)",
    ];

    /// <summary>A contribution as the harness wrote it: whose, its marking, the case it belongs to.</summary>
    private sealed record Part(string Text, string Author, Tlp Tlp, IReadOnlySet<string> Named, LeakRecord Case, bool Withdrawn = false, Guid Attachment = default);

    private sealed record Seeded(List<LeakRecord> Cases, List<Part> Parts);

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var seeded = await Seeds.GetValue(world, SeedAsync);
        var client = await world.ClientAsync(reader);
        if (reader.Kind != PrincipalKind.Member)
        {
            using var list = await client.GetAsync("/api/v1/cases", Ct);
            if (list.StatusCode == HttpStatusCode.OK)
            {
                report.Add(reader, "the case list answered a non-member");
            }

            foreach (var record in seeded.Cases)
            {
                using var one = await client.GetAsync($"/api/v1/cases/{record.Id}", Ct);
                if (one.StatusCode == HttpStatusCode.OK)
                {
                    report.Add(reader, $"{record}: served to a non-member");
                }
            }

            return;
        }

        var web = await world.BrowserAsync(reader);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        var rows = listed.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid().ToString(), c => c);
        var page = await web.GetStringAsync("/cases", Ct);
        foreach (var record in seeded.Cases)
        {
            var mayRead = world.MayRead(reader, record);
            report.Sees(reader, record, "list", mayRead, rows.ContainsKey(record.Id));
            report.Sees(reader, record, "cases page", mayRead, page.Contains(record.Word!, StringComparison.Ordinal));
            var parts = seeded.Parts.Where(p => p.Case == record).ToList();
            var visible = parts.Where(p => Visible(world, reader, p)).ToList();
            if (mayRead && rows.TryGetValue(record.Id, out var row))
            {
                var comments = visible.Count(p => p.Attachment == default && !p.Text.StartsWith("task", StringComparison.Ordinal) && !p.Withdrawn);
                if (row.GetProperty("comments").GetInt32() != comments)
                {
                    report.Add(reader, $"{record}: the list counts {row.GetProperty("comments").GetInt32()} comments, the reader may read {comments}");
                }
            }

            if (!mayRead && visible.Count == 0)
            {
                await report.SameAsMissingAsync(reader, record, "case", client, $"/api/v1/cases/{record.Id}", $"/api/v1/cases/{Guid.Empty}", Guid.Empty.ToString());
                await report.SameAsMissingAsync(reader, record, "case as STIX", client, $"/api/v1/cases/{record.Id}/stix", $"/api/v1/cases/{Guid.Empty}/stix", Guid.Empty.ToString());
                continue;
            }

            using var response = await client.GetAsync($"/api/v1/cases/{record.Id}", Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var stix = await client.GetStringAsync($"/api/v1/cases/{record.Id}/stix", Ct);
            var casePage = await web.GetStringAsync($"/cases/{record.Id}", Ct);
            if (body.Contains(record.Word!, StringComparison.Ordinal) != mayRead || casePage.Contains(record.Word!, StringComparison.Ordinal) != mayRead)
            {
                report.Add(reader, $"{record}: the case's own fields are {(mayRead ? "missing" : "shown to a former participant")}");
            }

            foreach (var part in parts)
            {
                var expected = visible.Contains(part);
                report.Sees(reader, record, $"case: {part.Text}", expected, body.Contains(part.Text, StringComparison.Ordinal));
                report.Sees(reader, record, $"case page: {part.Text}", expected, casePage.Contains(part.Text, StringComparison.Ordinal));
                report.Sees(reader, record, $"STIX: {part.Text}", expected && !part.Withdrawn, stix.Contains(part.Text, StringComparison.Ordinal));
                if (part.Attachment != default)
                {
                    using var download = await client.GetAsync($"/api/v1/cases/{record.Id}/attachments/{part.Attachment}", Ct);
                    await report.StatusAsync(reader, record, $"attachment {part.Text}", expected, download);
                }
            }
        }

        // "Case shared with you" reaches only organisations that may read the case.
        await world.Node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(CancellationToken.None);
        var told = (await world.InboxAsync(reader)).Where(n => n.GetProperty("kind").GetString() == "case-shared").Select(n => n.GetProperty("link").GetString()!.Split('/')[^1]).ToHashSet();
        foreach (var record in seeded.Cases.Where(c => c.Owner != reader.Organisation))
        {
            report.Sees(reader, record, "inbox", world.MayRead(reader, record), told.Contains(record.Id));
        }
    }

    private static bool Visible(LeakWorld world, Reader reader, Part part) =>
        part.Author == reader.Organisation
        || (!part.Withdrawn && world.MayRead(reader, part.Case) && (part.Tlp != Tlp.Red || part.Named.Contains(reader.Organisation!)));

    private static async Task<Seeded> SeedAsync(LeakWorld world)
    {
        var owner = await world.Alliance.ClientAsync(LeakWorld.Owner, Role.Analyst);
        var recipient = await world.Alliance.ClientAsync(LeakWorld.Recipient, Role.Analyst);
        var grouped = await world.Alliance.ClientAsync(LeakWorld.Grouped, Role.Analyst);
        var cases = new List<LeakRecord>();
        var parts = new List<Part>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var shared in new[] { false, true })
            {
                var word = $"case{Guid.NewGuid():N}";
                var label = Distribution.Label(tlp).ToLowerInvariant();
                var participants = shared ? new[] { world.Alliance.OrgId(LeakWorld.Recipient), world.Alliance.OrgId(LeakWorld.Grouped) } : [];
                using var opened = await owner.PostAsJsonAsync("/api/v1/cases", new { title = $"Leak case {word}", category = "intrusions:system-compromise", tlp = label, participants }, Ct);
                opened.EnsureSuccessStatusCode();
                var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
                var record = new LeakRecord($"case {label}{(shared ? " shared" : "")}", id.ToString(), "case", LeakWorld.Owner, tlp,
                    shared ? Scope.Recipients : Scope.Owner, shared ? new HashSet<string> { LeakWorld.Recipient } : new HashSet<string>()) { Word = word };
                cases.Add(record);
                if (!shared)
                {
                    continue;
                }

                // The parts carry their own token: a case's word must not appear in what a former participant keeps.
                // On a RED case a part that takes the case's TLP is for the organisations in the case when written.
                var all = tlp == Tlp.Red ? new HashSet<string> { LeakWorld.Owner, LeakWorld.Recipient, LeakWorld.Grouped } : new HashSet<string>();
                var tag = Guid.NewGuid().ToString("N");
                parts.Add(await PostAsync(recipient, id, "comments", new { text = $"comment-{tag}" }, new Part($"comment-{tag}", LeakWorld.Recipient, tlp, all, record)));
                parts.Add(await PostAsync(recipient, id, "tasks", new { title = $"task-{tag}", due = "2027-06-01" }, new Part($"task-{tag}", LeakWorld.Recipient, tlp, all, record)));
                parts.Add(await PostAsync(owner, id, "comments", new { text = $"red-{tag}", tlp = "red", recipients = new[] { world.Alliance.OrgId(LeakWorld.Owner) } },
                    new Part($"red-{tag}", LeakWorld.Owner, Tlp.Red, new HashSet<string> { LeakWorld.Owner }, record)));
                parts.Add(await PostAsync(grouped, id, "comments", new { text = $"grouped-{tag}" }, new Part($"grouped-{tag}", LeakWorld.Grouped, tlp, all, record)));
                var withdrawn = await PostAsync(recipient, id, "comments", new { text = $"withdrawn-{tag}" }, new Part($"withdrawn-{tag}", LeakWorld.Recipient, tlp, all, record, Withdrawn: true));
                parts.Add(withdrawn);
                using (var upload = new ByteArrayContent(Encoding.UTF8.GetBytes($"attachment-{tag}")))
                {
                    using var attached = await recipient.PostAsync($"/api/v1/cases/{id}/attachments?fileName=attachment-{tag}.txt", upload, Ct);
                    attached.EnsureSuccessStatusCode();
                    var attachment = (await attached.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("meta").GetProperty("id").GetGuid();
                    parts.Add(new Part($"attachment-{tag}", LeakWorld.Recipient, tlp, all, record, Attachment: attachment));
                }

                using (var removed = await owner.PutAsJsonAsync($"/api/v1/cases/{id}/participants", new { participants = new[] { world.Alliance.OrgId(LeakWorld.Recipient) } }, Ct))
                {
                    removed.EnsureSuccessStatusCode();
                }

                var withdrawnId = await IdOfAsync(owner, id, withdrawn.Text);
                using var withdraw = await recipient.PostAsync($"/api/v1/cases/{id}/contributions/{withdrawnId}/withdraw", null, Ct);
                withdraw.EnsureSuccessStatusCode();
            }
        }

        return new Seeded(cases, parts);
    }

    private static async Task<Part> PostAsync(HttpClient client, Guid caseId, string what, object body, Part part)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/{what}", body, Ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        return part;
    }

    private static async Task<Guid> IdOfAsync(HttpClient client, Guid caseId, string text)
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        return view.GetProperty("comments").EnumerateArray().Single(c => c.GetProperty("text").GetString() == text).GetProperty("meta").GetProperty("id").GetGuid();
    }
}
