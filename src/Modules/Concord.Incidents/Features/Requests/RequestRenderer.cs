using Concord.Access;
using Concord.Incidents.Data;
using Concord.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Requests;

/// <summary>
/// "Assistance request" notifications, one per step of a request's life (the subject names the request and the event).
/// The request is read as the recipient through the request rule, so a reader who may not read it is told nothing — with
/// one exception: a secretariat member told of an escalation to the secretariat reads who asked whom, how urgently and since
/// when (what the alliance view shows it), never the request's text or case.
/// </summary>
internal sealed class RequestRenderer(IncidentsDbContext db, RequestReader requests, IAccessDirectory access) : INotificationRenderer
{
    public static readonly NotificationKind Kind = new(
        "assistance-request",
        "Assistance requests",
        "A member organisation asks yours for assistance, answers a request yours made, or a request's deadline was missed.",
        EmailByDefault: true);

    string INotificationRenderer.Kind => Kind.Name;

    public static string Subject(Guid requestId, Guid eventId) => $"{requestId}/{eventId}";

    public async Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken)
    {
        var parts = subjectId.Split('/');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var requestId) || !Guid.TryParse(parts[1], out var eventId))
        {
            return null;
        }

        var happened = await db.RequestEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId && e.RequestId == requestId, cancellationToken);
        if (happened is null)
        {
            return null;
        }

        var view = await requests.GetAsync(reader, requestId, cancellationToken);
        if (!view.IsSuccess)
        {
            return happened.Kind == (int)RequestEventKind.Escalated && happened.Stage is { } stage && EscalationLadder.ToSecretariat(stage) && reader.HasRole(Role.Secretariat)
                ? await SecretariatAsync(requestId, stage, cancellationToken)
                : null;
        }

        var r = view.Value!;
        var what = $"{IncidentJson.Name(r.Kind)} ({IncidentJson.Name(r.Urgency)})";
        var link = $"/requests/{r.Id}";
        return (RequestEventKind)happened.Kind switch
        {
            RequestEventKind.Asked => new($"Assistance requested: {what}", $"{r.Requester.Name} asks {r.Receiver.Name}: {r.Text} Acknowledge by {r.AcknowledgeBy:u}, respond by {r.RespondBy:u}.", link),
            RequestEventKind.Escalated when EscalationLadder.ForResponse(happened.Stage ?? 0) => new(
                $"Overdue: a {what} request is not answered",
                $"{r.Receiver.Name} has not closed or declined the request from {r.Requester.Name} due by {r.RespondBy:u} (escalation stage {happened.Stage}).", link),
            RequestEventKind.Escalated => new(
                $"Overdue: a {what} request is not acknowledged",
                $"{r.Receiver.Name} has not acknowledged the request from {r.Requester.Name} due by {r.AcknowledgeBy:u} (escalation stage {happened.Stage}).", link),
            RequestEventKind.Progress => new($"Progress on your request: {what}", $"{r.Receiver.Name}: {happened.Text}", link),
            var kind => new(
                $"Request {RequestReader.EventName(kind)}: {what}",
                $"{(kind == RequestEventKind.Withdrawn ? r.Requester.Name : r.Receiver.Name)} {RequestReader.EventName(kind)} the request{(happened.Text is { } t ? ": " + t : ".")}", link),
        };
    }

    [InternalProjection("an escalation to the secretariat: who asked whom, how urgently and by when; never the text or the case")]
    private async Task<RenderedNotification?> SecretariatAsync(Guid requestId, int stage, CancellationToken cancellationToken)
    {
        var row = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (row is null || RequestRules.Finished((RequestStatus)row.Status))
        {
            return null;
        }

        var requester = (await access.FindOrganisationAsync(row.RequesterOrgId, cancellationToken))?.Name ?? "A member";
        var receiver = (await access.FindOrganisationAsync(row.ReceiverOrgId, cancellationToken))?.Name ?? "a member";
        var urgency = IncidentJson.Name((RequestUrgency)row.Urgency);
        return EscalationLadder.ForResponse(stage)
            ? new RenderedNotification(
                $"Escalated: {receiver} has not answered a {urgency} assistance request",
                $"{requester} asked {receiver} for assistance at {Cases.Micros.At(row.CreatedUs):u}; it was due to be closed or declined by {Cases.Micros.At(row.RespondByUs):u} and is still not, past the team's escalation contacts.",
                "/requests/alliance")
            : new RenderedNotification(
                $"Escalated: {receiver} has not acknowledged a {urgency} assistance request",
                $"{requester} asked {receiver} for assistance at {Cases.Micros.At(row.CreatedUs):u}; it was due to be acknowledged by {Cases.Micros.At(row.AcknowledgeByUs):u} and is still open, past the team's escalation contacts.",
                "/requests/alliance");
    }
}
