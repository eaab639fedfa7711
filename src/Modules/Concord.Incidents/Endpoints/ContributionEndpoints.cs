using System.Security.Claims;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Incidents.Endpoints;

/// <summary>
/// A case's contributions: comments, timeline entries, tasks, observables and attachments, each attributed to the
/// organisation that wrote it and marked with its own TLP (the owner's and the participants' analysts write them).
/// </summary>
internal static class ContributionEndpoints
{
    public static void MapContributionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/cases/{caseId:guid}").WithTags("Incidents").RequireAuthorization(AccessPolicies.Member);
        group.MapPost("/comments", CommentAsync).WithName("AddCaseComment")
            .WithSummary("Comment on a case: text, a TLP at least as strict as the case's, and for TLP:RED the organisations of the case that may read it.");
        group.MapPost("/timeline", TimelineAsync).WithName("AddCaseTimelineEntry")
            .WithSummary("Add to a case's timeline what happened and when (not in the future).");
        group.MapPost("/tasks", TaskAsync).WithName("AddCaseTask")
            .WithSummary("Add a task to a case: title, the organisation assigned (the owner or a participant) and the day it is due (not in the past).");
        group.MapPatch("/tasks/{taskId:guid}", UpdateTaskAsync).WithName("UpdateCaseTask")
            .WithSummary("Mark a task done or open again (its author, its assignee or the case's owner).");
        group.MapPost("/observables", ObservableAsync).WithName("AddCaseObservable")
            .WithSummary("Add an observable to a case (an IP address or network, domain, URL, e-mail address, hash, …), optionally linked to an Intel object you may read.");
        group.MapPost("/attachments", AttachAsync).WithName("AttachToCase")
            .WithSummary("Attach a file to a case: the request body is the file, `fileName` names it; refused whole beyond the node's size limit.");
        group.MapGet("/attachments/{attachmentId:guid}", DownloadAsync).WithName("DownloadCaseAttachment")
            .WithSummary("An attachment's bytes, always as a download (application/octet-stream, never shown inline).");
        group.MapPost("/contributions/{contributionId:guid}/withdraw", WithdrawAsync).WithName("WithdrawCaseContribution")
            .WithSummary("Withdraw a contribution (its author's organisation): from then on only its author sees it.");
    }

    private static async Task<Results<Created<CommentView>, ProblemHttpResult>> CommentAsync(
        Guid caseId, CommentDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken) =>
        Created(caseId, await cases.CommentAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, cancellationToken), v => v.Meta.Id);

    private static async Task<Results<Created<TimelineEntryView>, ProblemHttpResult>> TimelineAsync(
        Guid caseId, TimelineDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken) =>
        Created(caseId, await cases.AddTimelineAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, cancellationToken), v => v.Meta.Id);

    private static async Task<Results<Created<TaskView>, ProblemHttpResult>> TaskAsync(
        Guid caseId, TaskDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken) =>
        Created(caseId, await cases.AddTaskAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, cancellationToken), v => v.Meta.Id);

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> UpdateTaskAsync(
        Guid caseId, Guid taskId, TaskUpdate update, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.UpdateTaskAsync(await principals.ResolveAsync(user, cancellationToken), caseId, taskId, update, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Created<ObservableView>, ProblemHttpResult>> ObservableAsync(
        Guid caseId, ObservableDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken) =>
        Created(caseId, await cases.AddObservableAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, cancellationToken), v => v.Meta.Id);

    private static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> AttachAsync(
        Guid caseId, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, HttpRequest request, CancellationToken cancellationToken,
        string? fileName = null, string? tlp = null, string? recipients = null)
    {
        var named = new List<Guid>();
        foreach (var (text, i) in (recipients ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((t, i) => (t, i)))
        {
            if (!Guid.TryParse(text, out var id))
            {
                return Error.Validation($"recipients[{i}]", "organisation-id", $"'{text}' is not an organisation id.").ToProblem();
            }

            named.Add(id);
        }

        var draft = new AttachmentDraft { FileName = fileName, ContentType = request.ContentType, Tlp = tlp, Recipients = named };
        return Created(caseId, await cases.AttachAsync(await principals.ResolveAsync(user, cancellationToken), caseId, draft, request.Body, cancellationToken), v => v.Meta.Id);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid caseId, Guid attachmentId, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await cases.DownloadAsync(await principals.ResolveAsync(user, cancellationToken), caseId, attachmentId, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        // Whatever the file claims to be, it is bytes to save, never a page of this origin: octet-stream, a download, and
        // no sniffing and no inline script (the node's security headers, on every answer).
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value!.Content, "application/octet-stream", result.Value.FileName);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        Guid caseId, Guid contributionId, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.WithdrawAsync(await principals.ResolveAsync(user, cancellationToken), caseId, contributionId, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static Results<Created<T>, ProblemHttpResult> Created<T>(Guid caseId, Result<T> result, Func<T, Guid> id) =>
        result.IsSuccess ? TypedResults.Created($"/api/v1/cases/{caseId}#{id(result.Value!)}", result.Value!) : result.Error!.ToProblem();
}
