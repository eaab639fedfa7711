using System.Security.Cryptography;
using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Contributions;
using Concord.Observables;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Feeds;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Cases;

internal sealed partial class CaseService
{
    public async Task<Result<CommentView>> CommentAsync(Principal author, Guid caseId, CommentDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var written = await ContributeAsync(author, caseId, draft, ContributionKind.Comment, (_, row) =>
        {
            var text = CaseRules.Text(draft.Text, "text", required: true);
            if (!text.IsSuccess)
            {
                return Task.FromResult<Error?>(text.Error);
            }

            row.Text = text.Value!;
            return Task.FromResult<Error?>(null);
        }, null, cancellationToken);
        return await ProjectAsync(author, caseId, written, v => v.Comments.Single(c => c.Meta.Id == written.Value), cancellationToken);
    }

    public async Task<Result<TimelineEntryView>> AddTimelineAsync(Principal author, Guid caseId, TimelineDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var written = await ContributeAsync(author, caseId, draft, ContributionKind.Timeline, (_, row) =>
        {
            var text = CaseRules.Text(draft.Text, "text", required: true);
            Error? error = text.Error
                ?? (draft.At is null ? Error.Validation("at", "required", "When it happened (RFC 3339).") : null)
                ?? (draft.At > time.GetUtcNow().AddMinutes(5) ? Error.Validation("at", "in-the-future", "A timeline entry records what happened: not in the future.") : null);
            if (error is null)
            {
                (row.Text, row.AtUs) = (text.Value!, Micros.Of(draft.At!.Value));
            }

            return Task.FromResult(error);
        }, null, cancellationToken);
        return await ProjectAsync(author, caseId, written, v => v.Timeline.Single(c => c.Meta.Id == written.Value), cancellationToken);
    }

    public async Task<Result<TaskView>> AddTaskAsync(Principal author, Guid caseId, TaskDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var written = await ContributeAsync(author, caseId, draft, ContributionKind.Task, async (@case, row) =>
        {
            var title = CaseRules.Text(draft.Title, "title", required: true, CaseRules.MaxTitle);
            if (title.Error is { } invalid)
            {
                return invalid;
            }

            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (draft.Due is not { } due)
            {
                return Error.Validation("due", "required", "A task needs the day it is due (YYYY-MM-DD).");
            }

            if (due < today)
            {
                return Error.Validation("due", "in-the-past", $"The due date {due:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd}).");
            }

            var assignee = draft.Assignee ?? author.OrganisationId!.Value;
            if (assignee != @case.OwnerOrgId && !(await ParticipantsAsync(@case, cancellationToken)).Contains(assignee))
            {
                return Error.Validation("assignee", "not-a-participant", "A task is assigned to the case's owner or one of its participants.");
            }

            (row.Text, row.AssigneeOrgId, row.AtUs) = (title.Value!, assignee, Micros.Of(new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            return null;
        }, null, cancellationToken);
        return await ProjectAsync(author, caseId, written, v => v.Tasks.Single(c => c.Meta.Id == written.Value), cancellationToken);
    }

    public async Task<Result<TaskView>> UpdateTaskAsync(Principal editor, Guid caseId, Guid taskId, TaskUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var (@case, task) = await ContributionAsync(editor, caseId, taskId, cancellationToken);
        if (@case is null || task is null || task.Kind != (int)ContributionKind.Task)
        {
            return Error.NotFound("Task");
        }

        var org = editor.OrganisationId;
        if (CaseRules.Forbidden(editor) is { } refused)
        {
            return refused;
        }

        if (org != task.AuthorOrgId && org != task.AssigneeOrgId && org != @case.OwnerOrgId)
        {
            return Error.Forbidden("A task is marked done by its author, its assignee or the case's owner.");
        }

        var now = Micros.Now(time);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Contributions.Where(c => c.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Done, update.Done), cancellationToken);
            await db.Cases.Where(c => c.Id == caseId).Apply(editor).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedUs, now), cancellationToken);
            Change(@case, ChangeKind.Versioned, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(new AuditEvent(update.Done ? "case-task.done" : "case-task.reopen", "case-task", taskId.ToString(), @case.OwnerOrgId, $"case {caseId}"), cancellationToken);
        return await ProjectAsync(editor, caseId, taskId, v => v.Tasks.Single(t => t.Meta.Id == taskId), cancellationToken);
    }

    public async Task<Result<ObservableView>> AddObservableAsync(Principal author, Guid caseId, ObservableDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var written = await ContributeAsync(author, caseId, draft, ContributionKind.Observable, async (_, row) =>
        {
            var value = ParseObservable(draft.Value);
            var comment = CaseRules.Text(draft.Comment, "comment", required: false, 2000);
            if ((value.Error ?? comment.Error) is { } invalid)
            {
                return invalid;
            }

            if (!string.IsNullOrWhiteSpace(draft.IntelObjectId) && !(await intel.GetAsync(author, draft.IntelObjectId.Trim(), null, cancellationToken)).IsSuccess)
            {
                return Error.Validation("intelObjectId", "unknown-object", $"No Intel object '{draft.IntelObjectId}' that you may read.");
            }

            (row.ValueKind, row.Value, row.Text, row.IntelRef) = (value.Value.Kind.Name(), value.Value.Value, comment.Value!, string.IsNullOrWhiteSpace(draft.IntelObjectId) ? null : draft.IntelObjectId.Trim());
            return null;
        }, null, cancellationToken);
        return await ProjectAsync(author, caseId, written, v => v.Observables.Single(c => c.Meta.Id == written.Value), cancellationToken);
    }

    public async Task<Result<AttachmentView>> AttachAsync(Principal author, Guid caseId, AttachmentDraft draft, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(content);
        byte[]? bytes = null;
        var written = await ContributeAsync(author, caseId, draft, ContributionKind.Attachment, async (target, row) =>
        {
            var name = Path.GetFileName(draft.FileName?.Replace('\\', '/').Trim() ?? "");
            if (name.Length == 0 || name.Length > 255 || name.Any(char.IsControl) || name is "." or "..")
            {
                return Error.Validation("fileName", "file-name", "An attachment needs a file name (at most 255 characters, no control characters).");
            }

            var type = string.IsNullOrWhiteSpace(draft.ContentType) ? "application/octet-stream" : draft.ContentType.Trim().ToLowerInvariant();
            if (type.Length > 255 || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out _))
            {
                return Error.Validation("contentType", "media-type", $"'{draft.ContentType}' is not a media type.");
            }

            // Read at most one byte past the limit: a larger file is refused whole, nothing stored.
            var limit = options.Value.MaxAttachmentBytes;
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                if (buffer.Length > limit)
                {
                    return new Error(ErrorKind.TooLarge, "attachment-too-large", $"An attachment may hold at most {limit} bytes.", "file");
                }
            }

            if (buffer.Length == 0)
            {
                return Error.Validation("file", "empty", "The attachment is empty.");
            }

            bytes = buffer.ToArray();
            (row.FileName, row.ContentType, row.Size, row.Sha256) = (name, type, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            return null;
        }, () => bytes, cancellationToken);
        return await ProjectAsync(author, caseId, written, v => v.Attachments.Single(c => c.Meta.Id == written.Value), cancellationToken);
    }

    public async Task<Result<AttachmentContent>> DownloadAsync(Principal reader, Guid caseId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var (_, row) = await ContributionAsync(reader, caseId, attachmentId, cancellationToken);
        if (row is null || row.Kind != (int)ContributionKind.Attachment)
        {
            return Error.NotFound("Attachment");
        }

        var blob = await db.Blobs.AsNoTracking().Where(b => b.ContributionId == attachmentId).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
        if (blob is null)
        {
            return Error.NotFound("Attachment");
        }

        await audit.RecordAsync(new AuditEvent("case-attachment.download", "case-attachment", attachmentId.ToString(), row.AuthorOrgId, $"case {caseId}"), cancellationToken);
        return new AttachmentContent(row.FileName ?? "attachment", blob.Length, new MemoryStream(blob, writable: false));
    }

    public async Task<Result<Guid>> WithdrawAsync(Principal author, Guid caseId, Guid contributionId, CancellationToken cancellationToken)
    {
        var (@case, row) = await ContributionAsync(author, caseId, contributionId, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("Contribution");
        }

        if (CaseRules.Forbidden(author) is { } refused)
        {
            return refused;
        }

        if (row.AuthorOrgId != author.OrganisationId)
        {
            return Error.Forbidden("Only its author's organisation withdraws a contribution.");
        }

        var owner = @case?.OwnerOrgId ?? await CaseOwnerAsync(caseId, cancellationToken);
        var now = Micros.Now(time);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Contributions.Where(c => c.Id == contributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Withdrawn, true), cancellationToken);
            db.Changes.Add(new CaseChangeRow { CaseId = caseId, Kind = (int)ChangeKind.Narrowed, OwnerOrgId = owner, AtUs = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(new AuditEvent("case-contribution.withdraw", "case-contribution", contributionId.ToString(), owner, $"case {caseId}"), cancellationToken);
        return contributionId;
    }

    /// <summary>The owner of a case its reader may no longer read (a former participant withdrawing its own contribution), for the feed entry.</summary>
    [InternalProjection("the change feed's entry names the case's owner; nothing read here reaches the caller")]
    private Task<Guid> CaseOwnerAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.OwnerOrgId).FirstAsync(cancellationToken);

    /// <summary>
    /// A contribution as <paramref name="reader"/> may see it (the contribution rule) and its case when the reader may read
    /// the case; both null when the reader may not see the contribution.
    /// </summary>
    private async Task<(CaseRow? Case, ContributionRow? Row)> ContributionAsync(Principal reader, Guid caseId, Guid contributionId, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.Apply(reader).AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var row = await db.Contributions.AsNoTracking()
            .Where(c => c.CaseId == caseId && c.Id == contributionId)
            .Where(ContributionRule.For(reader, @case is not null))
            .FirstOrDefaultAsync(cancellationToken);
        return (row is null ? null : @case, row);
    }

    /// <summary>
    /// Adds one contribution: the author may read the case and is its analyst; the TLP is the case's or stricter; a RED
    /// one names its readers among the case's organisations. <paramref name="fill"/> checks and fills the kind's own fields.
    /// </summary>
    private async Task<Result<Guid>> ContributeAsync(
        Principal author, Guid caseId, ContributionDraft draft, ContributionKind kind, Func<CaseRow, ContributionRow, Task<Error?>> fill, Func<byte[]?>? blob,
        CancellationToken cancellationToken)
    {
        var @case = author.Kind == PrincipalKind.Member ? await db.Cases.Apply(author).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        if (@case is null)
        {
            return Error.NotFound("Case");
        }

        if (CaseRules.Forbidden(author) is { } refused)
        {
            return refused;
        }

        var org = author.OrganisationId!.Value;
        var tlp = CaseRules.Tlp(draft.Tlp, @case.Tlp);
        if (!tlp.IsSuccess)
        {
            return tlp.Error!;
        }

        if (tlp.Value < @case.Tlp)
        {
            return Error.Validation("tlp", "looser-than-case", $"A contribution is at least as strict as its case (TLP:{Distribution.Label(@case.Tlp)}).");
        }

        var recipients = (draft.Recipients ?? []).Distinct().ToList();
        Guid? audience = null;
        if (tlp.Value == Tlp.Red)
        {
            var organisations = (await ParticipantsAsync(@case, cancellationToken)).Append(@case.OwnerOrgId).ToHashSet();

            // On a TLP:RED case, a contribution that takes the case's TLP and names no one is for the organisations in the
            // case when it is written (fixed then: one added later does not read it unless named).
            if (recipients.Count == 0 && string.IsNullOrWhiteSpace(draft.Tlp))
            {
                recipients = [.. organisations.Order()];
            }

            if (recipients.Count == 0)
            {
                return Error.Validation("recipients", "audience-required", "A TLP:RED contribution names the organisations that may read it.");
            }

            if (recipients.FirstOrDefault(r => !organisations.Contains(r)) is var outsider && outsider != Guid.Empty)
            {
                return Error.Validation($"recipients[{recipients.IndexOf(outsider)}]", "not-a-participant", "A TLP:RED contribution names only the case's owner and participants.");
            }

            var resolved = await access.ResolveRecipientsAsync(org, recipients.Where(r => r != org).Append(org).Distinct().ToList(), cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            audience = resolved.Value;
        }
        else if (recipients.Count > 0)
        {
            return Error.Validation("recipients", "audience-not-allowed", "Only a TLP:RED contribution names its recipients; others are read by the case's participants.");
        }

        var now = Micros.Now(time);
        var row = new ContributionRow { Id = Guid.NewGuid(), CaseId = caseId, Kind = (int)kind, AuthorOrgId = org, Tlp = tlp.Value, AudienceId = audience, CreatedUs = now };
        if (await fill(@case, row) is { } invalid)
        {
            return invalid;
        }

        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Contributions.Add(row);
            if (blob?.Invoke() is { } bytes)
            {
                db.Blobs.Add(new AttachmentBlobRow { ContributionId = row.Id, Content = bytes });
            }

            @case.UpdatedUs = now;
            Change(@case, ChangeKind.Versioned, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var name = kind switch
        {
            ContributionKind.Comment => "comment",
            ContributionKind.Timeline => "timeline",
            ContributionKind.Task => "task",
            ContributionKind.Attachment => "attachment",
            ContributionKind.Observable => "observable",
            _ => "contribution",
        };
        await audit.RecordAsync(new AuditEvent($"case-{name}.add", $"case-{name}", row.Id.ToString(), @case.OwnerOrgId, $"case {caseId}, TLP:{Distribution.Label(row.Tlp)}"), cancellationToken);
        return row.Id;
    }

    private async Task<Result<T>> ProjectAsync<T>(Principal reader, Guid caseId, Result<Guid> written, Func<CaseView, T> pick, CancellationToken cancellationToken)
    {
        if (!written.IsSuccess)
        {
            return written.Error!;
        }

        var view = await ViewAsync(reader, caseId, cancellationToken);
        return view.IsSuccess ? pick(view.Value!) : view.Error!;
    }

    private static Result<Observable> ParseObservable(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return Error.Validation("value", "required", "An observable needs a value.");
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ObservableKinds.TryParseName(value[..colon], out var kind)
            ? Observable.Parse(kind, Refang.Apply(value[(colon + 1)..]), "value")
            : Observable.Detect(Refang.Apply(value), "value");
    }
}
