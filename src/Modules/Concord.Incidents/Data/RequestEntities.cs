namespace Concord.Incidents.Data;

/// <summary>
/// An assistance request from a case to one receiving organisation. Not a shareable record of its own: who reads it
/// follows from its two parties and its case (<see cref="Features.Contributions.RequestRule"/>). Times are microseconds
/// since the epoch; the escalation state (<see cref="EscalationStage"/>, <see cref="EscalateAtUs"/>) is kept here so a
/// restarted node resumes where it stopped.
/// </summary>
internal sealed class RequestRow
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid RequesterOrgId { get; set; }

    public Guid ReceiverOrgId { get; set; }

    public int Kind { get; set; }

    public string Text { get; set; } = "";

    public int Urgency { get; set; }

    public int Status { get; set; }

    /// <summary>The UN GGE norm's letter (a–k), if the request names one.</summary>
    public string? Norm { get; set; }

    /// <summary>The value whose owner was asked ("whose is this?"), when the request was addressed that way.</summary>
    public string? Owner { get; set; }

    public long CreatedUs { get; set; }

    public long AcknowledgeByUs { get; set; }

    public long RespondByUs { get; set; }

    /// <summary>When the receiver first answered (acknowledged, accepted or declined).</summary>
    public long? AcknowledgedUs { get; set; }

    /// <summary>When it was declined or closed.</summary>
    public long? ResolvedUs { get; set; }

    public long UpdatedUs { get; set; }

    /// <summary>
    /// The last escalation done (<see cref="Features.Requests.EscalationLadder"/>): 0 none; for the deadline to
    /// acknowledge, 1 the team's escalation contacts and 2 the secretariat; for the deadline to respond, 3 and 4.
    /// </summary>
    public int EscalationStage { get; set; }

    /// <summary>When the next escalation is due, while the request is unanswered or unresolved; null when none is.</summary>
    public long? EscalateAtUs { get; set; }
}

/// <summary>What happened to a request.</summary>
internal enum RequestEventKind
{
    Asked = 0,
    Acknowledged = 1,
    Accepted = 2,
    Declined = 3,
    Progress = 4,
    Closed = 5,
    Withdrawn = 6,
    Escalated = 7,
}

/// <summary>One step of a request's life, by an organisation (null: the node's escalation).</summary>
internal sealed class RequestEventRow
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public int Kind { get; set; }

    public Guid? ActorOrgId { get; set; }

    public string? Text { get; set; }

    public int? Stage { get; set; }

    public long AtUs { get; set; }
}
