using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Incidents.Endpoints;

/// <summary>
/// Assistance requests: asked from a case (its readers' analysts), answered by the receiving organisation's analysts,
/// withdrawn by the requester's; the queue of requests to your organisation; the alliance view.
/// </summary>
internal static class RequestEndpoints
{
    /// <summary>A decline's reason, a progress report or a close's outcome.</summary>
    public sealed record ReasonBody(string? Reason);

    public sealed record ProgressBody(string? Text);

    public sealed record OutcomeBody(string? Outcome);

    public static void MapRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/cases/{caseId:guid}/requests").WithTags("Incidents").RequireAuthorization(AccessPolicies.Member);
        cases.MapPost("/", AskAsync).WithName("AskForAssistance")
            .WithSummary("Ask for assistance from a case: what (kind, text), how urgently, of named member organisations (`to`) or of the team(s) owning a network, AS number or domain (`owner`); one request per receiving organisation, with deadlines to acknowledge and respond (the urgency's defaults in the receiver's business hours, or given).");
        cases.MapGet("/", ListForCaseAsync).WithName("ListCaseRequests")
            .WithSummary("A case's assistance requests that your organisation may read.");

        var group = endpoints.MapGroup("/requests").WithTags("Incidents").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/queue", QueueAsync).WithName("ListRequestQueue")
            .WithSummary("Your team's queue: requests asked of your organisation, earliest deadline first (open ones unless `all`).");
        group.MapGet("/sent", SentAsync).WithName("ListSentRequests")
            .WithSummary("Requests your organisation asked, earliest deadline first (open ones unless `all`).");
        group.MapGet("/alliance", AllianceAsync).WithName("GetAllianceRequestView")
            .WithSummary("The alliance view: per member, requests received, open and overdue, and the median and 90th percentile time to acknowledge and to resolve over a period; for the secretariat, the open requests (who asked whom, how urgently, by when; never what).");
        group.MapGet("/{requestId:guid}", GetAsync).WithName("GetRequest")
            .WithSummary("An assistance request with its history (acknowledgement, decisions, progress reports, escalations): for its requester, its receiver and the case's readers.");
        group.MapPost("/{requestId:guid}/acknowledge", (Guid requestId, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Acknowledge), user, p, r, ct)).WithName("AcknowledgeRequest")
            .WithSummary("Acknowledge a request asked of your organisation (its analysts): it stops its escalation.");
        group.MapPost("/{requestId:guid}/accept", (Guid requestId, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Accept), user, p, r, ct)).WithName("AcceptRequest")
            .WithSummary("Accept a request asked of your organisation: you will do it (acknowledges it too).");
        group.MapPost("/{requestId:guid}/decline", (Guid requestId, ReasonBody body, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Decline, body.Reason), user, p, r, ct)).WithName("DeclineRequest")
            .WithSummary("Decline a request asked of your organisation, with a reason (required).");
        group.MapPost("/{requestId:guid}/progress", (Guid requestId, ProgressBody body, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Progress, body.Text), user, p, r, ct)).WithName("ReportRequestProgress")
            .WithSummary("Report progress on a request your organisation acknowledged or accepted (text).");
        group.MapPost("/{requestId:guid}/close", (Guid requestId, OutcomeBody body, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Close, body.Outcome), user, p, r, ct)).WithName("CloseRequest")
            .WithSummary("Close a request your organisation acknowledged or accepted, with its outcome (required).");
        group.MapPost("/{requestId:guid}/withdraw", (Guid requestId, ClaimsPrincipal user, IPrincipalResolver p, IAssistanceRequests r, CancellationToken ct) =>
                ActAsync(requestId, new RequestStep(RequestAction.Withdraw), user, p, r, ct)).WithName("WithdrawRequest")
            .WithSummary("Withdraw a request your organisation asked, while it is not finished; the receiver is told.");
    }

    private static async Task<Results<Created<IReadOnlyList<AssistanceRequestView>>, ProblemHttpResult>> AskAsync(
        Guid caseId, RequestDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken)
    {
        var result = await requests.AskAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/cases/{caseId}/requests", result.Value!) : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<AssistanceRequestView>>, ProblemHttpResult>> ListForCaseAsync(
        Guid caseId, ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken) =>
        Ok(await requests.ListForCaseAsync(await principals.ResolveAsync(user, cancellationToken), caseId, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<AssistanceRequestView>>, ProblemHttpResult>> QueueAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken, bool all = false) =>
        Ok(await requests.QueueAsync(await principals.ResolveAsync(user, cancellationToken), !all, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<AssistanceRequestView>>, ProblemHttpResult>> SentAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken, bool all = false) =>
        Ok(await requests.SentAsync(await principals.ResolveAsync(user, cancellationToken), !all, cancellationToken));

    private static async Task<Results<Ok<AllianceRequestView>, ProblemHttpResult>> AllianceAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        Ok(await requests.AllianceAsync(await principals.ResolveAsync(user, cancellationToken), from, to, cancellationToken));

    private static async Task<Results<Ok<AssistanceRequestView>, ProblemHttpResult>> GetAsync(
        Guid requestId, ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken) =>
        Ok(await requests.GetAsync(await principals.ResolveAsync(user, cancellationToken), requestId, cancellationToken));

    private static async Task<Results<Ok<AssistanceRequestView>, ProblemHttpResult>> ActAsync(
        Guid requestId, RequestStep step, ClaimsPrincipal user, IPrincipalResolver principals, IAssistanceRequests requests, CancellationToken cancellationToken) =>
        Ok(await requests.ActAsync(await principals.ResolveAsync(user, cancellationToken), requestId, step, cancellationToken));

    private static Results<Ok<T>, ProblemHttpResult> Ok<T>(Result<T> result) => result.ToOk();
}
