using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Cases;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Feeds;
using Concord.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Concord.Incidents.Features.Requests;

/// <summary>
/// Assistance requests (<see cref="IAssistanceRequests"/>). A member's analyst asks from a case it may read; only the
/// receiving organisation's analysts acknowledge, accept, decline, report progress and close; only the requester's
/// withdraw. Every step is one transaction under the module's write gate with its event, a change-feed entry for the case
/// and a notification to the other side, and one audit entry once committed. Reads go through <see cref="RequestReader"/>.
/// </summary>
internal sealed class RequestService(
    IncidentsDbContext db,
    IAccessDirectory access,
    ITeamDirectory teams,
    IAuditTrail audit,
    INotifier notifier,
    CaseWriteGate gate,
    RequestReader views,
    IOptions<IncidentsOptions> options,
    TimeProvider time) : IAssistanceRequests
{
    public const string RequestType = "assistance-request";

    public async Task<Result<IReadOnlyList<AssistanceRequestView>>> AskAsync(Principal author, Guid caseId, RequestDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (CaseRules.Forbidden(author) is { } refused)
        {
            return refused;
        }

        var caseRow = await db.Cases.Apply(author).AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (caseRow is null)
        {
            return Error.NotFound("Case");
        }

        var requester = author.OrganisationId!.Value;
        var kind = RequestRules.Kind(draft.Kind);
        var text = CaseRules.Text(draft.Text, "text", required: true, RequestRules.MaxText);
        var urgency = CaseRules.Enum(draft.Urgency, "urgency", RequestUrgency.Normal);
        var norm = RequestRules.Norm(draft.Norm);
        if (new[] { kind.Error, text.Error, urgency.Error, norm.Error }.FirstOrDefault(e => e is not null) is { } invalid)
        {
            return invalid;
        }

        var receivers = await ReceiversAsync(author, requester, draft, cancellationToken);
        if (!receivers.IsSuccess)
        {
            return receivers.Error!;
        }

        var now = time.GetUtcNow();
        if (draft.AcknowledgeBy is { } ackBy && ackBy <= now)
        {
            return Error.Validation("acknowledgeBy", "in-the-past", $"The deadline to acknowledge ({ackBy:u}) has passed; give a time in the future.");
        }

        if (draft.RespondBy is { } givenRespondBy && givenRespondBy <= now)
        {
            return Error.Validation("respondBy", "in-the-past", $"The deadline to respond ({givenRespondBy:u}) has passed; give a time in the future.");
        }

        var defaults = options.Value.Requests.For(urgency.Value);
        var rows = new List<RequestRow>();
        var nowUs = Micros.Of(now);
        foreach (var receiver in receivers.Value!)
        {
            // Critical requests count calendar time (the options refuse working units for them); the others count the
            // receiving team's business hours, as its directory profile states them.
            var profile = await teams.GetAsync(author, receiver, cancellationToken);
            var week = urgency.Value == RequestUrgency.Critical ? null : WorkingWeek.Of(profile.IsSuccess ? profile.Value : null);
            var acknowledgeBy = draft.AcknowledgeBy ?? Deadlines.Add(now, Span(defaults.Acknowledge), week);
            var respondBy = draft.RespondBy ?? Deadlines.Add(now, Span(defaults.Respond), week);
            if (respondBy < acknowledgeBy)
            {
                return draft.RespondBy is null
                    ? Error.Validation("acknowledgeBy", "after-respond-by", $"The deadline to acknowledge ({acknowledgeBy:u}) is after the deadline to respond ({respondBy:u}).")
                    : Error.Validation("respondBy", "before-acknowledge-by", $"The deadline to respond ({respondBy:u}) is before the deadline to acknowledge ({acknowledgeBy:u}).");
            }

            rows.Add(new RequestRow
            {
                Id = Guid.NewGuid(), CaseId = caseId, RequesterOrgId = requester, ReceiverOrgId = receiver, Kind = (int)kind.Value, Text = text.Value!,
                Urgency = (int)urgency.Value, Status = (int)RequestStatus.Open, Norm = norm.Value, Owner = receivers.Value.Owner, CreatedUs = nowUs,
                AcknowledgeByUs = Micros.Of(acknowledgeBy), RespondByUs = Micros.Of(respondBy), UpdatedUs = nowUs, EscalateAtUs = Micros.Of(acknowledgeBy),
            });
        }

        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in rows)
            {
                db.Requests.Add(row);
                var asked = AddEvent(row, RequestEventKind.Asked, requester, null, null, nowUs);
                await TellAsync(row, asked, row.ReceiverOrgId, transaction, cancellationToken);
            }

            Change(caseRow, nowUs);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notifier.Wake();
        await audit.RecordAsync(
            new AuditEvent("request.ask", CaseService.CaseType, caseId.ToString(), requester, $"{rows.Count} requests, {IncidentJson.Name(kind.Value)}, {IncidentJson.Name(urgency.Value)}"),
            cancellationToken);
        var made = new List<AssistanceRequestView>();
        foreach (var row in rows)
        {
            made.Add((await views.GetAsync(author, row.Id, cancellationToken)).Value!);
        }

        return made;
    }

    public Task<Result<AssistanceRequestView>> GetAsync(Principal reader, Guid requestId, CancellationToken cancellationToken) =>
        views.GetAsync(reader, requestId, cancellationToken);

    public Task<Result<IReadOnlyList<AssistanceRequestView>>> ListForCaseAsync(Principal reader, Guid caseId, CancellationToken cancellationToken) =>
        views.ForCaseAsync(reader, caseId, cancellationToken);

    public Task<Result<IReadOnlyList<AssistanceRequestView>>> QueueAsync(Principal reader, bool openOnly, CancellationToken cancellationToken) =>
        views.PartyAsync(reader, received: true, openOnly, cancellationToken);

    public Task<Result<IReadOnlyList<AssistanceRequestView>>> SentAsync(Principal reader, bool openOnly, CancellationToken cancellationToken) =>
        views.PartyAsync(reader, received: false, openOnly, cancellationToken);

    public Task<Result<AllianceRequestView>> AllianceAsync(Principal reader, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        views.AllianceAsync(reader, from, to, cancellationToken);

    public async Task<Result<AssistanceRequestView>> ActAsync(Principal actor, Guid requestId, RequestStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var readable = await views.ReadableRowAsync(actor, requestId, cancellationToken);
        if (readable is null)
        {
            return Error.NotFound("Assistance request");
        }

        var (from, field, byReceiver) = RequestRules.Rule(step.Action);
        var org = actor.OrganisationId!.Value;
        var party = byReceiver ? readable.ReceiverOrgId : readable.RequesterOrgId;
        if (CaseRules.Forbidden(actor) is { } refused)
        {
            return refused;
        }

        if (org != party)
        {
            return Error.Forbidden(byReceiver
                ? "Only the receiving organisation acknowledges, accepts, declines, reports progress on and closes a request."
                : "Only the requesting organisation withdraws a request.");
        }

        string? text = null;
        if (field is not null)
        {
            var checkedText = CaseRules.Text(step.Text, field, required: true, RequestRules.MaxText);
            if (!checkedText.IsSuccess)
            {
                return checkedText.Error!;
            }

            text = checkedText.Value;
        }

        var now = Micros.Now(time);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var row = await db.Requests.FirstAsync(r => r.Id == requestId, cancellationToken);
            var status = (RequestStatus)row.Status;
            if (!from.Contains(status))
            {
                return Error.Conflict("request-status", $"A request that is {IncidentJson.Name(status)} cannot be {Verb(step.Action)}.", "status");
            }

            if (RequestRules.After(step.Action) is { } next)
            {
                row.Status = (int)next;
            }

            if (step.Action is RequestAction.Acknowledge or RequestAction.Accept or RequestAction.Decline)
            {
                row.AcknowledgedUs ??= now;
            }

            if (step.Action is RequestAction.Decline or RequestAction.Close)
            {
                row.ResolvedUs = now;
            }

            // Acknowledged or accepted: the deadline to respond is the one that escalates now; ended: nothing is left to.
            row.EscalateAtUs = EscalationLadder.NextAfterStep(row);
            row.UpdatedUs = now;
            var added = AddEvent(row, RequestRules.Event(step.Action), org, text, null, now);
            await TellAsync(row, added, byReceiver ? row.RequesterOrgId : row.ReceiverOrgId, transaction, cancellationToken);
            var caseRow = await CaseOfAsync(row.CaseId, cancellationToken);
            if (caseRow is not null)
            {
                Change(caseRow, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notifier.Wake();
        await audit.RecordAsync(new AuditEvent($"request.{IncidentJson.Name(step.Action)}", RequestType, requestId.ToString(), org, IncidentJson.Name(step.Action)), cancellationToken);
        return await views.GetAsync(actor, requestId, cancellationToken);
    }

    /// <summary>The receiving organisations: those named, and the primary team(s) whose constituency holds the owner value.</summary>
    private async Task<Result<Receivers>> ReceiversAsync(Principal author, Guid requester, RequestDraft draft, CancellationToken cancellationToken)
    {
        var receivers = new Receivers();
        for (var i = 0; i < (draft.To?.Count ?? 0); i++)
        {
            var id = draft.To![i];
            if (await access.FindOrganisationAsync(id, cancellationToken) is null)
            {
                return Error.Validation($"to[{i}]", "unknown-organisation", $"No member organisation has the id {id}.");
            }

            if (id == requester)
            {
                return Error.Validation($"to[{i}]", "own-organisation", "An organisation does not ask itself for assistance.");
            }

            if (!receivers.Contains(id))
            {
                receivers.Add(id);
            }
        }

        if (!string.IsNullOrWhiteSpace(draft.Owner))
        {
            var whose = await teams.WhoseAsync(author, draft.Owner, cancellationToken);
            if (!whose.IsSuccess)
            {
                return whose.Error! with { Field = "owner" };
            }

            var owners = whose.Value!.Teams.Where(t => t.Primary && t.Relation == "covers").Select(t => t.OrganisationId).Distinct().ToList();
            if (owners.Count == 0)
            {
                return Error.Validation("owner", "no-owner", $"No member team's constituency holds '{whose.Value.Value}'; name the organisations to ask instead.");
            }

            if (owners.All(o => o == requester))
            {
                return Error.Validation("owner", "own-network", $"'{whose.Value.Value}' is in your own organisation's constituency.");
            }

            receivers.Owner = whose.Value.Value;
            foreach (var owner in owners.Where(o => o != requester && !receivers.Contains(o)))
            {
                receivers.Add(owner);
            }
        }

        return receivers.Count == 0
            ? Error.Validation("to", "required", "Name the member organisations to ask (to), or a network, AS number or domain whose owner to ask (owner).")
            : receivers;
    }

    private static DeadlineSpan Span(string text) =>
        DeadlineSpan.TryParse(text, out var span) ? span : throw new InvalidOperationException($"'{text}' passed the options' validation but does not parse.");

    private static string Verb(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => "acknowledged",
        RequestAction.Accept => "accepted",
        RequestAction.Decline => "declined",
        RequestAction.Progress => "reported on",
        RequestAction.Close => "closed",
        _ => "withdrawn",
    };

    private RequestEventRow AddEvent(RequestRow row, RequestEventKind kind, Guid? actor, string? text, int? stage, long now)
    {
        var added = new RequestEventRow { Id = Guid.NewGuid(), RequestId = row.Id, Kind = (int)kind, ActorOrgId = actor, Text = text, Stage = stage, AtUs = now };
        db.RequestEvents.Add(added);
        return added;
    }

    [InternalProjection("a write: the case a request belongs to, for its change-feed entry; the request's reader was checked by the door")]
    private Task<CaseRow?> CaseOfAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);

    private void Change(CaseRow row, long now) =>
        db.Changes.Add(new CaseChangeRow { CaseId = row.Id, Kind = (int)ChangeKind.Versioned, OwnerOrgId = row.OwnerOrgId, AtUs = now });

    private async Task TellAsync(RequestRow row, RequestEventRow happened, Guid organisation, IDbContextTransaction transaction, CancellationToken cancellationToken) =>
        await notifier.EnqueueAsync(
            new Notification(RequestRenderer.Kind.Name, RequestRenderer.Subject(row.Id, happened.Id), NotificationAudience.Organisation(organisation), $"{happened.Id}:{organisation}"),
            transaction.GetDbTransaction(), cancellationToken);

    /// <summary>The receivers in the order asked, and the value whose owner was asked.</summary>
    private sealed class Receivers : List<Guid>
    {
        public string? Owner { get; set; }
    }
}
