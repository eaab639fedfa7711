using Concord.Incidents.Data;

namespace Concord.Incidents.Features.Requests;

/// <summary>
/// Which missed deadline escalates to whom, and when the next step is due. A request climbs one ladder per deadline:
/// not acknowledged by its deadline to acknowledge, stage 1 tells the receiving team's escalation contacts and, a full
/// acknowledgement period later, stage 2 the secretariat; acknowledged (or accepted) but neither closed nor declined by
/// its deadline to respond, stages 3 and 4 do the same. A declined, closed or withdrawn request escalates no more.
/// </summary>
internal static class EscalationLadder
{
    /// <summary>Whether <paramref name="stage"/> escalated to the secretariat (the last rung of either ladder).</summary>
    public static bool ToSecretariat(int stage) => stage is 2 or 4;

    /// <summary>Whether <paramref name="stage"/> belongs to the deadline to respond.</summary>
    public static bool ForResponse(int stage) => stage >= 3;

    /// <summary>The stage the request escalates to next, or null when nothing is left to escalate in its status.</summary>
    public static int? Next(RequestRow row) => (RequestStatus)row.Status switch
    {
        RequestStatus.Open => row.EscalationStage < 2 ? row.EscalationStage + 1 : null,
        RequestStatus.Acknowledged or RequestStatus.Accepted => row.EscalationStage < 3 ? 3 : row.EscalationStage < 4 ? 4 : null,
        _ => null,
    };

    /// <summary>When the rung after <paramref name="stage"/> (just reached) is due: a full acknowledgement period after its deadline.</summary>
    public static long? AfterEscalation(RequestRow row, int stage)
    {
        var period = row.AcknowledgeByUs - row.CreatedUs;
        return stage switch
        {
            1 => row.AcknowledgeByUs + period,
            3 => row.RespondByUs + period,
            _ => null,
        };
    }

    /// <summary>After a step by either party: the deadline to respond while the request is being handled, else nothing.</summary>
    public static long? NextAfterStep(RequestRow row) =>
        (RequestStatus)row.Status is RequestStatus.Acknowledged or RequestStatus.Accepted
            ? row.EscalationStage >= 3 ? row.EscalateAtUs : row.RespondByUs
            : null;

    /// <summary>What an escalation event says happened.</summary>
    public static string Describe(int stage, int recipients) => stage switch
    {
        1 => $"Not acknowledged by its deadline: escalated to the receiving team's escalation contacts ({recipients} account(s)).",
        2 => $"Still not acknowledged a full acknowledgement period later: escalated to the secretariat ({recipients} account(s)).",
        3 => $"Not closed or declined by its deadline to respond: escalated to the receiving team's escalation contacts ({recipients} account(s)).",
        _ => $"Still not closed or declined a full acknowledgement period after its deadline to respond: escalated to the secretariat ({recipients} account(s)).",
    };
}
