using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;

namespace Concord.Incidents;

/// <summary>What a member asks another for (in JSON: <c>take-down</c>).</summary>
[JsonConverter(typeof(RequestJson.KindJson))]
public enum RequestKind
{
    Block,
    TakeDown,
    AnalyseSample,
    ContactHostingProvider,
    ShareLogs,
    Other,
}

/// <summary>How urgent a request is: it sets the default deadlines (<see cref="IncidentsOptions.Requests"/>).</summary>
[JsonConverter(typeof(RequestJson.UrgencyJson))]
public enum RequestUrgency
{
    Critical,
    High,
    Normal,
    Low,
}

/// <summary>
/// Where a request stands: open → acknowledged → accepted (progress reports) → closed, or declined (with a reason) from
/// open or acknowledged; the requester may withdraw it while it is not finished.
/// </summary>
[JsonConverter(typeof(RequestJson.StatusJson))]
public enum RequestStatus
{
    Open,
    Acknowledged,
    Accepted,
    Declined,
    Closed,
    Withdrawn,
}

/// <summary>What someone does to a request: the receiving organisation all but withdraw, which is the requester's.</summary>
[JsonConverter(typeof(RequestJson.ActionJson))]
public enum RequestAction
{
    Acknowledge,
    Accept,
    Decline,
    Progress,
    Close,
    Withdraw,
}

/// <summary>The JSON names of the requests' enums (kebab case, names only).</summary>
public static class RequestJson
{
    public sealed class KindJson() : JsonStringEnumConverter<RequestKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public sealed class UrgencyJson() : JsonStringEnumConverter<RequestUrgency>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public sealed class StatusJson() : JsonStringEnumConverter<RequestStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public sealed class ActionJson() : JsonStringEnumConverter<RequestAction>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);
}

/// <summary>
/// An assistance request from a case: asked of named member organisations (<see cref="To"/>), or of the team(s) whose
/// constituency holds <see cref="Owner"/> (an IP address or network, AS number or domain: "whose is this?"). One request
/// is made per receiving organisation, each with its own life cycle and deadlines.
/// </summary>
public sealed record RequestDraft
{
    /// <summary><c>block</c>, <c>take-down</c>, <c>analyse-sample</c>, <c>contact-hosting-provider</c>, <c>share-logs</c> or <c>other</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>What exactly is asked.</summary>
    public string? Text { get; init; }

    /// <summary><c>critical</c>, <c>high</c>, <c>normal</c> (default) or <c>low</c>.</summary>
    public string? Urgency { get; init; }

    /// <summary>The member organisations asked.</summary>
    public IReadOnlyList<Guid>? To { get; init; }

    /// <summary>Ask "the owner of this network": a value whose responsible team(s) the directory answers.</summary>
    public string? Owner { get; init; }

    /// <summary>The deadline to acknowledge, when not the urgency's default; in the future.</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }

    /// <summary>The deadline to respond, when not the urgency's default; in the future and not before the acknowledgement's.</summary>
    public DateTimeOffset? RespondBy { get; init; }

    /// <summary>The UN GGE 2015 norm the request answers, by its letter (<c>h</c>: respond to appropriate requests for assistance).</summary>
    public string? Norm { get; init; }
}

/// <summary>A step of a request's life: the text is a decline's reason, a progress report or a close's outcome.</summary>
public sealed record RequestStep(RequestAction Action, string? Text = null);

/// <summary>Something that happened to a request; <see cref="By"/> is null for the node's own escalations.</summary>
/// <param name="Kind"><c>asked</c>, <c>acknowledged</c>, <c>accepted</c>, <c>declined</c>, <c>progress</c>, <c>closed</c>, <c>withdrawn</c> or <c>escalated</c>.</param>
/// <param name="Stage">An escalation's stage: for the deadline to acknowledge, 1 the receiving team's escalation contacts and 2 the
/// secretariat; for the deadline to respond (acknowledged but neither closed nor declined in time), 3 and 4.</param>
public sealed record RequestEventView(string Kind, CaseParty? By, DateTimeOffset At, string? Text, int? Stage);

/// <summary>
/// An assistance request as one reader may see it. <see cref="CaseTitle"/> is null for a reader who may read the request
/// but not its case (a receiving organisation the case is not shared with).
/// </summary>
/// <param name="EscalationStage">The last escalation (0 none; see <see cref="RequestEventView.Stage"/>).</param>
public sealed record AssistanceRequestView(
    Guid Id,
    Guid CaseId,
    string? CaseTitle,
    CaseParty Requester,
    CaseParty Receiver,
    RequestKind Kind,
    string Text,
    RequestUrgency Urgency,
    RequestStatus Status,
    string? Norm,
    string? Owner,
    DateTimeOffset Created,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset RespondBy,
    DateTimeOffset? Acknowledged,
    DateTimeOffset? Resolved,
    int EscalationStage,
    IReadOnlyList<RequestEventView> Events);

/// <summary>One member's figures as a receiving organisation over a period (requests asked of it in the period).</summary>
/// <param name="Open">Its requests open or in progress now (whenever asked).</param>
/// <param name="Overdue">Of those, the ones past a deadline now.</param>
public sealed record MemberRequestFigures(
    CaseParty Member,
    int Received,
    int Open,
    int Overdue,
    int Acknowledged,
    double? MedianAcknowledgeMinutes,
    double? P90AcknowledgeMinutes,
    int Resolved,
    double? MedianResolveMinutes,
    double? P90ResolveMinutes);

/// <summary>An open request as the alliance view lists it for the secretariat: who asked whom, how urgently, by when; never what.</summary>
public sealed record OpenRequestLine(
    Guid Id,
    CaseParty Requester,
    CaseParty Receiver,
    RequestUrgency Urgency,
    RequestStatus Status,
    DateTimeOffset Created,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset RespondBy,
    int EscalationStage);

/// <summary>
/// The alliance view: per member figures (alliance statistics every member reads) and, for the secretariat only, the
/// open requests themselves (never their text or case).
/// </summary>
public sealed record AllianceRequestView(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MemberRequestFigures> Members, IReadOnlyList<OpenRequestLine>? Open);

/// <summary>
/// Assistance requests (README, "Assistance requests"). A request is read by its requester's and its receiver's
/// organisations and by whoever may read its case (the visibility door); what a reader may not read is not found.
/// </summary>
public interface IAssistanceRequests
{
    /// <summary>Asks, from a case the author may read, one request per receiving organisation.</summary>
    Task<Result<IReadOnlyList<AssistanceRequestView>>> AskAsync(Principal author, Guid caseId, RequestDraft draft, CancellationToken cancellationToken);

    Task<Result<AssistanceRequestView>> GetAsync(Principal reader, Guid requestId, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<AssistanceRequestView>>> ListForCaseAsync(Principal reader, Guid caseId, CancellationToken cancellationToken);

    /// <summary>The requests asked of the reader's organisation (<paramref name="openOnly"/>: not yet finished), earliest deadline first.</summary>
    Task<Result<IReadOnlyList<AssistanceRequestView>>> QueueAsync(Principal reader, bool openOnly, CancellationToken cancellationToken);

    /// <summary>The requests the reader's organisation asked (<paramref name="openOnly"/>: not yet finished).</summary>
    Task<Result<IReadOnlyList<AssistanceRequestView>>> SentAsync(Principal reader, bool openOnly, CancellationToken cancellationToken);

    Task<Result<AssistanceRequestView>> ActAsync(Principal actor, Guid requestId, RequestStep step, CancellationToken cancellationToken);

    /// <summary>The alliance view over requests asked in [<paramref name="from"/>, <paramref name="to"/>) (default: the last 90 days).</summary>
    Task<Result<AllianceRequestView>> AllianceAsync(Principal reader, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
