using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Sharing;
using Concord.Intel;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Feeds;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Concord.Incidents.Features.Cases;

/// <summary>
/// Cases and their contributions (<see cref="ICases"/>). Reads start from the visibility door over cases
/// (<see cref="Visibility.Apply{T}"/>) and the contribution rule (<see cref="Contributions.ContributionRule"/>); writes run
/// under the module's write gate, each in one transaction with its change-feed entry and the notifications it causes,
/// and record one audit entry once committed. Only a case's owner (its analysts) changes the case itself and who it is
/// shared with; the owner and the participants contribute.
/// </summary>
internal sealed partial class CaseService(
    IncidentsDbContext db,
    IAccessDirectory access,
    IAuditTrail audit,
    INotifier notifier,
    CaseWriteGate gate,
    ICorrelation correlation,
    IIntelStore intel,
    IOptions<IncidentsOptions> options,
    Requests.RequestReader requests,
    TimeProvider time) : ICases
{
    public const string CaseType = "case";

    public async Task<Result<CaseView>> OpenAsync(Principal author, CaseDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (CaseRules.Forbidden(author) is { } refused)
        {
            return refused;
        }

        var owner = author.OrganisationId!.Value;
        var title = CaseRules.Title(draft.Title);
        var summary = CaseRules.Text(draft.Summary, "summary", required: false, CaseRules.MaxSummary);
        var category = CaseRules.Category(draft.Category);
        var severity = CaseRules.Enum(draft.Severity, "severity", CaseSeverity.Medium);
        var tlp = CaseRules.Tlp(draft.Tlp, Tlp.Amber);
        var pap = CaseRules.Enum(draft.Pap, "pap", Pap.Amber);
        var countries = CaseRules.Countries(draft.Countries);
        var sectors = CaseRules.Sectors(draft.Sectors);
        if (new[] { title.Error, summary.Error, category.Error, severity.Error, tlp.Error, pap.Error, countries.Error, sectors.Error }.FirstOrDefault(e => e is not null) is { } invalid)
        {
            return invalid;
        }

        var participants = await ResolveParticipantsAsync(owner, draft.Participants, cancellationToken);
        if (!participants.IsSuccess)
        {
            return participants.Error!;
        }

        var (scope, audience, members) = participants.Value;
        if (Distribution.Check(tlp.Value, scope, audience, "participants") is { } wider)
        {
            return wider;
        }

        var now = Micros.Now(time);
        var row = new CaseRow
        {
            Id = Guid.NewGuid(), OwnerOrgId = owner, Tlp = tlp.Value, Scope = scope, AudienceId = audience, Title = title.Value!, Summary = summary.Value!,
            Category = category.Value!.Id, Severity = (int)severity.Value, Status = (int)CaseStatus.New, Pap = (int)pap.Value,
            Countries = countries.Value!, Sectors = sectors.Value!, CreatedUs = now, UpdatedUs = now,
        };
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            AddCase(row);
            db.Contributions.Add(Event(row, owner, now, "Case opened."));
            if (members.Count > 0)
            {
                // A microsecond later, so the timeline orders it after the opening.
                db.Contributions.Add(Event(row, owner, now + 1, $"Shared with {await NamesAsync(members, cancellationToken)}."));
            }

            Change(row, ChangeKind.Created, now);
            await db.SaveChangesAsync(cancellationToken);
            await TellAsync(row, members, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Wake(members);
        await audit.RecordAsync(new AuditEvent("case.open", CaseType, row.Id.ToString(), owner, $"{members.Count} participants, TLP:{Distribution.Label(row.Tlp)}"), cancellationToken);
        return await ViewAsync(author, row.Id, cancellationToken);
    }

    public async Task<Result<CaseView>> UpdateAsync(Principal editor, Guid caseId, CaseUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var found = await OwnCaseAsync(editor, caseId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var row = found.Value!;
        var changed = new List<string>();
        var events = new List<string>();
        var narrowed = false;
        if (update.Title is not null)
        {
            var title = CaseRules.Title(update.Title);
            if (!title.IsSuccess)
            {
                return title.Error!;
            }

            row.Title = title.Value!;
            changed.Add("title");
        }

        if (update.Summary is not null)
        {
            var summary = CaseRules.Text(update.Summary, "summary", required: false, CaseRules.MaxSummary);
            if (!summary.IsSuccess)
            {
                return summary.Error!;
            }

            row.Summary = summary.Value!;
            changed.Add("summary");
        }

        if (update.Category is not null)
        {
            var category = CaseRules.Category(update.Category);
            if (!category.IsSuccess)
            {
                return category.Error!;
            }

            row.Category = category.Value!.Id;
            changed.Add("category");
        }

        if (update.Severity is not null)
        {
            var severity = CaseRules.Enum(update.Severity, "severity", (CaseSeverity)row.Severity);
            if (!severity.IsSuccess)
            {
                return severity.Error!;
            }

            row.Severity = (int)severity.Value;
            changed.Add("severity");
        }

        if (update.Status is not null)
        {
            var status = CaseRules.Enum(update.Status, "status", (CaseStatus)row.Status);
            if (!status.IsSuccess)
            {
                return status.Error!;
            }

            if ((int)status.Value != row.Status)
            {
                events.Add($"Status: {IncidentJson.Name((CaseStatus)row.Status)} → {IncidentJson.Name(status.Value)}.");
                row.Status = (int)status.Value;
                changed.Add("status");
            }
        }

        if (update.Pap is not null)
        {
            var pap = CaseRules.Enum(update.Pap, "pap", (Pap)row.Pap);
            if (!pap.IsSuccess)
            {
                return pap.Error!;
            }

            row.Pap = (int)pap.Value;
            changed.Add("pap");
        }

        if (update.Tlp is not null)
        {
            var tlp = CaseRules.Tlp(update.Tlp, row.Tlp);
            if (!tlp.IsSuccess)
            {
                return tlp.Error!;
            }

            if (Distribution.Check(tlp.Value, row.Scope, row.AudienceId, "tlp") is { } wider)
            {
                return wider;
            }

            narrowed = tlp.Value > row.Tlp;
            row.Tlp = tlp.Value;
            changed.Add("tlp");
        }

        if (update.Countries is not null)
        {
            var countries = CaseRules.Countries(update.Countries);
            if (!countries.IsSuccess)
            {
                return countries.Error!;
            }

            row.Countries = countries.Value!;
            changed.Add("countries");
        }

        if (update.Sectors is not null)
        {
            var sectors = CaseRules.Sectors(update.Sectors);
            if (!sectors.IsSuccess)
            {
                return sectors.Error!;
            }

            row.Sectors = sectors.Value!;
            changed.Add("sectors");
        }

        var now = Micros.Now(time);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            row.UpdatedUs = now;
            foreach (var text in events)
            {
                db.Contributions.Add(Event(row, editor.OrganisationId!.Value, now, text));
            }

            Change(row, narrowed ? ChangeKind.Narrowed : ChangeKind.Versioned, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(new AuditEvent("case.update", CaseType, row.Id.ToString(), row.OwnerOrgId, string.Join(",", changed)), cancellationToken);
        return await ViewAsync(editor, row.Id, cancellationToken);
    }

    public async Task<Result<CaseView>> ShareAsync(Principal editor, Guid caseId, CaseSharing sharing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sharing);
        var found = await OwnCaseAsync(editor, caseId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var row = found.Value!;
        var resolved = await ResolveParticipantsAsync(row.OwnerOrgId, sharing.Participants, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var (scope, audience, members) = resolved.Value;
        if (Distribution.Check(row.Tlp, scope, audience, "participants") is { } wider)
        {
            return wider;
        }

        var before = await ParticipantsAsync(row, cancellationToken);
        var added = members.Except(before).ToList();
        var removed = before.Except(members).ToList();
        var now = Micros.Now(time);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            (row.Scope, row.AudienceId, row.UpdatedUs) = (scope, audience, now);
            if (added.Count > 0)
            {
                db.Contributions.Add(Event(row, row.OwnerOrgId, now, $"Shared with {await NamesAsync(added, cancellationToken)}."));
            }

            if (removed.Count > 0)
            {
                db.Contributions.Add(Event(row, row.OwnerOrgId, now, $"No longer shared with {await NamesAsync(removed, cancellationToken)}."));
            }

            Change(row, removed.Count > 0 ? ChangeKind.Narrowed : ChangeKind.Versioned, now);
            await db.SaveChangesAsync(cancellationToken);
            await TellAsync(row, added, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Wake(added);
        await audit.RecordAsync(new AuditEvent("case.share", CaseType, row.Id.ToString(), row.OwnerOrgId, $"{members.Count} participants ({added.Count} added, {removed.Count} removed)"), cancellationToken);
        return await ViewAsync(editor, row.Id, cancellationToken);
    }

    /// <summary>Adds a new case to the unit of work.</summary>
    [InternalProjection("a write: adds the case being opened and reads nothing from the table")]
    private void AddCase(CaseRow row) => db.Cases.Add(row);

    /// <summary>The case, for a change by its owner: not found unless the editor may read it; refused unless it is the owner's analyst.</summary>
    private async Task<Result<CaseRow>> OwnCaseAsync(Principal editor, Guid caseId, CancellationToken cancellationToken)
    {
        var row = editor.Kind == PrincipalKind.Member ? await db.Cases.Apply(editor).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        if (row is null)
        {
            return Error.NotFound("Case");
        }

        var refused = CaseRules.Forbidden(editor)
            ?? (row.OwnerOrgId != editor.OrganisationId ? Error.Forbidden("Only the case's owner changes the case and who it is shared with.") : null);
        return refused is null ? row : refused;
    }

    /// <summary>Participants as asked: known organisations other than the owner; none means the owner alone.</summary>
    private async Task<Result<(Scope Scope, Guid? Audience, List<Guid> Members)>> ResolveParticipantsAsync(Guid owner, IReadOnlyList<Guid>? participants, CancellationToken cancellationToken)
    {
        var members = new List<Guid>();
        for (var i = 0; i < (participants?.Count ?? 0); i++)
        {
            var id = participants![i];
            if (await access.FindOrganisationAsync(id, cancellationToken) is null)
            {
                return Error.Validation($"participants[{i}]", "unknown-organisation", $"No member organisation has the id {id}.");
            }

            if (id != owner && !members.Contains(id))
            {
                members.Add(id);
            }
        }

        if (members.Count == 0)
        {
            return (Scope.Owner, (Guid?)null, members);
        }

        var audience = await access.ResolveRecipientsAsync(owner, members, cancellationToken);
        return audience.IsSuccess ? (Scope.Recipients, audience.Value, members) : audience.Error!;
    }

    /// <summary>The organisations the case is shared with now (its owner aside).</summary>
    internal async Task<List<Guid>> ParticipantsAsync(CaseRow row, CancellationToken cancellationToken) =>
        row.AudienceId is { } id && await access.FindAudienceAsync(id, cancellationToken) is { } audience
            ? [.. audience.Members.Where(m => m != row.OwnerOrgId)]
            : [];

    private ContributionRow Event(CaseRow row, Guid author, long now, string text) => new()
    {
        Id = Guid.NewGuid(), CaseId = row.Id, Kind = (int)ContributionKind.Timeline, AuthorOrgId = author, Tlp = row.Tlp, CreatedUs = now, AtUs = now, Text = text,
    };

    private void Change(CaseRow row, ChangeKind kind, long now) =>
        db.Changes.Add(new CaseChangeRow { CaseId = row.Id, Kind = (int)kind, OwnerOrgId = row.OwnerOrgId, AtUs = now });

    /// <summary>"Case shared with you", to each new participant's members, queued in the sharing's transaction.</summary>
    private async Task TellAsync(CaseRow row, IReadOnlyList<Guid> organisations, long now, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var organisation in organisations)
        {
            await notifier.EnqueueAsync(
                new Notification(CaseSharedRenderer.Kind.Name, row.Id.ToString(), NotificationAudience.Organisation(organisation), $"{row.Id}:{organisation}:{now}"),
                transaction.GetDbTransaction(), cancellationToken);
        }
    }

    private void Wake(IReadOnlyCollection<Guid> told)
    {
        if (told.Count > 0)
        {
            notifier.Wake();
        }
    }

    private async Task<string> NamesAsync(IEnumerable<Guid> organisations, CancellationToken cancellationToken)
    {
        var names = await OrganisationNamesAsync(cancellationToken);
        return string.Join(", ", organisations.Select(o => names.GetValueOrDefault(o, o.ToString())).Order(StringComparer.Ordinal));
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(CancellationToken cancellationToken) =>
        (await access.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
}
