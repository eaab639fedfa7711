using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Host;
using Microsoft.Extensions.DependencyInjection;
using static Concord.IntegrationTests.Incidents.CaseWorld;

namespace Concord.IntegrationTests.Incidents;

/// <summary>
/// Assistance requests over real HTTP on both stores: asked of the owner of a network or of named members, the life
/// cycle with its single actors, who reads a request, bad input that changes nothing, escalation of missed deadlines with
/// the node's fake clock, and the alliance view.
/// </summary>
public class RequestTests(RequestWorlds worlds) : IClassFixture<RequestWorlds>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Request_ToTheOwnerOfAnAddress_GoesThroughItsLifeCycle_ByTheReceiverOnly(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Botnet C2 in a partner network", "amber", Delta);

        var asked = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "block", urgency = "high", owner = "192.0.2.77", norm = "h", text = "Please block the C2 at 192.0.2.77." });
        var id = asked.GetProperty("id").GetGuid();
        Assert.Equal(Harbour, asked.GetProperty("receiver").GetProperty("name").GetString());
        Assert.Equal("192.0.2.77", asked.GetProperty("owner").GetString());
        Assert.Equal("h", asked.GetProperty("norm").GetString());
        Assert.Equal("open", asked.GetProperty("status").GetString());

        // High: four working hours in Harbour's week (Monday to Friday, 09:00–17:00 Tallinn).
        var ackBy = TimeZoneInfo.ConvertTime(asked.GetProperty("acknowledgeBy").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Tallinn"));
        Assert.InRange(ackBy.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(17));
        Assert.True(ackBy.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday);
        Assert.True(asked.GetProperty("respondBy").GetDateTimeOffset() >= asked.GetProperty("acknowledgeBy").GetDateTimeOffset());

        // The receiver reads the request, not the case it is not a participant of; the participant reads both.
        var harbourView = await Requests.ReadAsync(world, Harbour, id);
        Assert.Equal(JsonValueKind.Null, harbourView.GetProperty("caseTitle").ValueKind);
        Assert.Equal("Botnet C2 in a partner network", (await Requests.ReadAsync(world, Delta, id)).GetProperty("caseTitle").GetString());
        Assert.Single((await world.CaseAsync(Delta, caseId))!.Value.GetProperty("requests").EnumerateArray());
        Assert.Single(await Requests.NoticesAsync(world, Harbour, id));

        // Nobody but the receiver answers it: the requester and a participant are refused, an outsider finds nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.ActAsync(world, Lagoon, id, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.ActAsync(world, Delta, id, "acknowledge")).StatusCode);
        using var outsider = await Requests.ActAsync(world, Outsider, id, "acknowledge");
        using var nothing = await Requests.ActAsync(world, Outsider, Guid.NewGuid(), "acknowledge");
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(Scrub(await nothing.Content.ReadAsStringAsync(Ct)), Scrub(await outsider.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.GetAsync(world, Outsider, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.ActAsync(world, Harbour, id, "acknowledge", role: Role.ReadOnly)).StatusCode);

        // A decline needs a reason; nothing changes without one.
        await ProblemAssert.IsProblemAsync(await Requests.ActAsync(world, Harbour, id, "decline", new { reason = " " }), HttpStatusCode.BadRequest, "required");
        Assert.Equal("open", (await Requests.ReadAsync(world, Harbour, id)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, id, "acknowledge")).StatusCode);
        await ProblemAssert.IsProblemAsync(await Requests.ActAsync(world, Harbour, id, "acknowledge"), HttpStatusCode.Conflict, "request-status");
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, id, "progress", new { text = "Null-routed at the border." })).StatusCode);
        var missing = await ProblemAssert.IsProblemAsync(await Requests.ActAsync(world, Harbour, id, "close", new { }), HttpStatusCode.BadRequest, "required");
        Assert.Equal("outcome", missing.GetProperty("field").GetString());
        using var closed = await Requests.ActAsync(world, Harbour, id, "close", new { outcome = "Blocked; the hosting customer was notified." });
        var done = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("closed", done.GetProperty("status").GetString());
        Assert.Equal(["asked", "acknowledged", "accepted", "progress", "closed"], done.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("resolved").ValueKind);
        await ProblemAssert.IsProblemAsync(await Requests.ActAsync(world, Lagoon, id, "withdraw"), HttpStatusCode.Conflict, "request-status");

        // The requester was told of each answer; each step is audited and on the case's change feed.
        Assert.Equal(4, (await Requests.NoticesAsync(world, Lagoon, id)).Count);
        var audit = await Teams.TeamPeopleTests.TableTextAsync(world.Node, "access_audit");
        foreach (var action in new[] { "request.ask", "request.acknowledge", "request.accept", "request.progress", "request.close" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Null-routed", audit, StringComparison.Ordinal);
        Assert.Equal(6, (await CaseTests.ChangesAsync(world, caseId)).Count); // opened, asked, and four answers
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Request_ToNamedMembers_MakesOnePerReceiver_AndTheRequesterWithdraws(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Sample to analyse", "amber", Harbour);

        using var response = await Requests.AskAsync(world, Harbour, caseId, new { kind = "analyse-sample", text = "Could you run the dropper in your sandbox?", to = new[] { world.Id(Delta), world.Id(Outsider) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().ToList();
        Assert.Equal([Delta, Outsider], made.Select(r => r.GetProperty("receiver").GetProperty("name").GetString()));

        // Delta never filled in business hours: calendar time, one working day = one day.
        var toDelta = made[0];
        Assert.Equal(TimeSpan.FromDays(1), toDelta.GetProperty("acknowledgeBy").GetDateTimeOffset() - toDelta.GetProperty("created").GetDateTimeOffset());

        // Delta and Outsider read only their own; the case's owner reads both; Delta's queue holds it.
        var deltaId = toDelta.GetProperty("id").GetGuid();
        var outsiderId = made[1].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.GetAsync(world, Delta, outsiderId)).StatusCode);
        Assert.Equal(2, (await world.CaseAsync(Lagoon, caseId))!.Value.GetProperty("requests").GetArrayLength());
        var queue = await (await world.Analyst(Delta)).GetFromJsonAsync<JsonElement>("/api/v1/requests/queue", Ct);
        Assert.Contains(deltaId, queue.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(outsiderId, queue.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // Only the requester withdraws (Lagoon, the case's owner, does not); the receiver is told.
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.ActAsync(world, Lagoon, deltaId, "withdraw")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.ActAsync(world, Delta, deltaId, "withdraw")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, deltaId, "withdraw")).StatusCode);
        Assert.Equal("withdrawn", (await Requests.ReadAsync(world, Delta, deltaId)).GetProperty("status").GetString());
        Assert.Equal(2, (await Requests.NoticesAsync(world, Delta, deltaId)).Count);
        await ProblemAssert.IsProblemAsync(await Requests.ActAsync(world, Delta, deltaId, "acknowledge"), HttpStatusCode.Conflict, "request-status");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadInput_NamesTheField_AndChangesNothing(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Bad requests", "amber", Harbour);
        var past = world.Node.Time.GetUtcNow().AddMinutes(-5);
        static int Asks(string audit) => audit.Split("request.ask").Length;
        var before = Asks(await Teams.TeamPeopleTests.TableTextAsync(world.Node, "access_audit"));
        var cases = new (object Draft, string Field, string Rule)[]
        {
            (new { text = "x", to = new[] { world.Id(Delta) } }, "kind", "required"),
            (new { kind = "pray", text = "x", to = new[] { world.Id(Delta) } }, "kind", "unknown-kind"),
            (new { kind = "block", to = new[] { world.Id(Delta) } }, "text", "required"),
            (new { kind = "block", text = "x", urgency = "yesterday", to = new[] { world.Id(Delta) } }, "urgency", "unknown-urgency"),
            (new { kind = "block", text = "x", norm = "z", to = new[] { world.Id(Delta) } }, "norm", "unknown-norm"),
            (new { kind = "block", text = "x", to = new[] { world.Id(Delta), Guid.NewGuid() } }, "to[1]", "unknown-organisation"),
            (new { kind = "block", text = "x", to = new[] { world.Id(Lagoon) } }, "to[0]", "own-organisation"),
            (new { kind = "block", text = "x", owner = "203.0.113.9" }, "owner", "no-owner"),
            (new { kind = "block", text = "x", owner = "not a network!" }, "owner", "whose-value"),
            (new { kind = "block", text = "x" }, "to", "required"),
            (new { kind = "block", text = "x", to = new[] { world.Id(Delta) }, acknowledgeBy = past }, "acknowledgeBy", "in-the-past"),
            (new { kind = "block", text = "x", to = new[] { world.Id(Delta) }, respondBy = past }, "respondBy", "in-the-past"),
            (new { kind = "block", text = "x", to = new[] { world.Id(Delta) }, acknowledgeBy = past.AddDays(3), respondBy = past.AddDays(2) }, "respondBy", "before-acknowledge-by"),
        };
        foreach (var (draft, field, rule) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await Requests.AskAsync(world, Lagoon, caseId, draft), HttpStatusCode.BadRequest, rule);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        // Not a reader of the case: not found. Nothing was stored by any of it.
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.AskAsync(world, Delta, caseId, new { kind = "block", text = "x", to = new[] { world.Id(Harbour) } })).StatusCode);
        Assert.Empty((await (await world.Analyst(Lagoon)).GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/requests", Ct)).EnumerateArray());
        Assert.Equal(before, Asks(await Teams.TeamPeopleTests.TableTextAsync(world.Node, "access_audit")));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MissedDeadline_EscalatesToTheEscalationContact_ThenTheSecretariat_Once_AndSurvivesARestart(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Critical outage", "amber");
        var asked = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "take-down", urgency = "critical", to = new[] { world.Id(Harbour) }, text = "Take the phishing kit down now." });
        var answered = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "share-logs", urgency = "critical", to = new[] { world.Id(Harbour) }, text = "Logs, please." });
        var id = asked.GetProperty("id").GetGuid();
        Assert.Equal(TimeSpan.FromMinutes(30), asked.GetProperty("acknowledgeBy").GetDateTimeOffset() - asked.GetProperty("created").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, answered.GetProperty("id").GetGuid(), "acknowledge")).StatusCode);

        await Requests.EscalateAsync(world);
        Assert.Equal(0, (await Requests.ReadAsync(world, Lagoon, id)).GetProperty("escalationStage").GetInt32());

        // Past the deadline to acknowledge: Harbour's escalation contact (its read-only member) is told, not yet the secretariat.
        world.Node.Time.Advance(TimeSpan.FromMinutes(31));
        await Requests.EscalateAsync(world);
        await Requests.EscalateAsync(world);
        var first = await Requests.ReadAsync(world, Lagoon, id);
        Assert.Equal(1, first.GetProperty("escalationStage").GetInt32());
        Assert.Single(first.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated");
        Assert.Contains(await Requests.NoticesAsync(world, Harbour, id, Role.ReadOnly), n => n.GetProperty("title").GetString()!.StartsWith("Overdue", StringComparison.Ordinal));
        Assert.DoesNotContain(await Requests.NoticesAsync(world, Outsider, id, Role.Secretariat), n => n.GetProperty("text").GetString()!.Contains(Harbour, StringComparison.Ordinal));

        // A full acknowledgement period later: the secretariat, told who asked whom but not what; it still may not read the request.
        world.Node.Time.Advance(TimeSpan.FromMinutes(30));
        await Requests.EscalateAsync(world);
        var second = await Requests.ReadAsync(world, Harbour, id);
        Assert.Equal(2, second.GetProperty("escalationStage").GetInt32());
        var told = Assert.Single(await Requests.NoticesAsync(world, Outsider, id, Role.Secretariat), n => n.GetProperty("text").GetString()!.Contains(Harbour, StringComparison.Ordinal));
        Assert.DoesNotContain("phishing kit", told.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.GetAsync(world, Outsider, id, Role.Secretariat)).StatusCode);

        // A restarted node (a new escalation service reading the persisted state) escalates nothing twice; the one answered
        // in time never escalated for acknowledgement, only, two days on, for its deadline to respond (stages 3 and 4).
        var restarted = ActivatorUtilities.CreateInstance<Concord.Incidents.Features.Requests.EscalationFollower>(world.Node.Services);
        await restarted.CatchUpAsync(Ct);
        world.Node.Time.Advance(TimeSpan.FromDays(2));
        await restarted.CatchUpAsync(Ct);
        Assert.Equal(2, (await Requests.ReadAsync(world, Lagoon, id)).GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalated"));
        var answeredLater = await Requests.ReadAsync(world, Lagoon, answered.GetProperty("id").GetGuid());
        Assert.Equal([3, 4], answeredLater.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "escalated").Select(e => e.GetProperty("stage").GetInt32()));
        Assert.Contains("request.escalate", await Teams.TeamPeopleTests.TableTextAsync(world.Node, "access_audit"), StringComparison.Ordinal);

        // Acknowledging late still works and ends the escalation.
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, id, "acknowledge")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MissedDeadlineToRespond_EscalatesAnAcknowledgedRequest_AndClosingItEndsTheLadder(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Slow answer", "amber");
        var asked = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "share-logs", urgency = "critical", to = new[] { world.Id(Delta) }, text = "Firewall logs for the night, please." });
        var id = asked.GetProperty("id").GetGuid();
        Assert.Equal(TimeSpan.FromHours(4), asked.GetProperty("respondBy").GetDateTimeOffset() - asked.GetProperty("created").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Delta, id, "acknowledge")).StatusCode);

        // Acknowledged in time, so nothing escalates until the deadline to respond.
        world.Node.Time.Advance(TimeSpan.FromHours(3));
        await Requests.EscalateAsync(world);
        Assert.Equal(0, (await Requests.ReadAsync(world, Lagoon, id)).GetProperty("escalationStage").GetInt32());

        // Past it, still neither closed nor declined: Delta's escalation contacts (its admins: no contact has an account), then the secretariat.
        world.Node.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await Requests.EscalateAsync(world);
        var late = await Requests.ReadAsync(world, Lagoon, id);
        Assert.Equal(3, late.GetProperty("escalationStage").GetInt32());
        Assert.Contains("deadline to respond", Assert.Single(late.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(await Requests.NoticesAsync(world, Delta, id, Role.OrgAdmin), n => n.GetProperty("title").GetString()!.Contains("not answered", StringComparison.Ordinal));

        world.Node.Time.Advance(TimeSpan.FromMinutes(30));
        await Requests.EscalateAsync(world);
        Assert.Equal(4, (await Requests.ReadAsync(world, Lagoon, id)).GetProperty("escalationStage").GetInt32());
        var told = Assert.Single(await Requests.NoticesAsync(world, Outsider, id, Role.Secretariat),
            n => n.GetProperty("text").GetString()!.Contains(Delta, StringComparison.Ordinal) && n.GetProperty("text").GetString()!.Contains("closed or declined", StringComparison.Ordinal));
        Assert.DoesNotContain("Firewall logs", told.GetProperty("text").GetString()!, StringComparison.Ordinal);

        // Closing it late still works, and nothing escalates after.
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Delta, id, "close", new { outcome = "Logs sent over the secure channel." })).StatusCode);
        world.Node.Time.Advance(TimeSpan.FromDays(3));
        await Requests.EscalateAsync(world);
        var closed = await Requests.ReadAsync(world, Lagoon, id);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(2, closed.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalated"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AllianceView_GivesEveryMemberFigures_AndTheSecretariatTheOpenRequests_NeverTheirText(Store store)
    {
        var world = await worlds.ForAsync(store);
        var caseId = await world.OpenAsync("Figures", "amber");
        var quick = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "block", urgency = "critical", to = new[] { world.Id(Harbour) }, text = "Secret detail of the figures case." });
        world.Node.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, quick.GetProperty("id").GetGuid(), "decline", new { reason = "Not ours after all." })).StatusCode);
        var open = await Requests.AskOneAsync(world, Lagoon, caseId, new { kind = "other", to = new[] { world.Id(Delta) }, text = "Secret detail two." });

        var member = await (await world.Analyst(Outsider)).GetFromJsonAsync<JsonElement>("/api/v1/requests/alliance", Ct);
        var harbour = member.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("member").GetProperty("name").GetString() == Harbour);
        Assert.True(harbour.GetProperty("acknowledged").GetInt32() >= 1);
        Assert.True(harbour.GetProperty("medianAcknowledgeMinutes").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, member.GetProperty("open").ValueKind);

        var secretariat = await (await world.Alliance.ClientAsync(Outsider, Role.Secretariat)).GetStringAsync("/api/v1/requests/alliance", Ct);
        var lines = JsonDocument.Parse(secretariat).RootElement.GetProperty("open").EnumerateArray();
        Assert.Contains(open.GetProperty("id").GetGuid(), lines.Select(l => l.GetProperty("id").GetGuid()));
        Assert.DoesNotContain("Secret detail", secretariat, StringComparison.Ordinal);
        Assert.DoesNotContain("Figures", secretariat, StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(
            await (await world.Analyst(Outsider)).GetAsync("/api/v1/requests/alliance?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", Ct), HttpStatusCode.BadRequest, "period");
    }

    private static string Scrub(string body) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", ""), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
}
