using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Cases;
using Concord.Notifications;
using Concord.Platform.Audit;
using Concord.Platform.Feeds;
using Concord.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Incidents.Features.Requests;

/// <summary>
/// Escalates requests whose deadline passed (<see cref="EscalationLadder"/>: not acknowledged by the deadline to
/// acknowledge, or not closed or declined by the deadline to respond). Each step takes the request whose next escalation
/// is due (by the node's <see cref="TimeProvider"/>) and, in one transaction, moves its persisted stage, records the
/// escalation on the request, adds a change-feed entry and queues the notifications: first the receiving team's
/// escalation contacts (the accounts of its organisation with a contact's e-mail address; its admins when no contact has
/// an account), a full acknowledgement period later the secretariat. The requester is told at every stage.
/// The stage is re-read under the write gate, and notifications carry once-keys, so a restarted node (or a second
/// process) resumes without escalating anything twice.
/// </summary>
internal sealed class EscalationFollower(IServiceScopeFactory scopes, CaseWriteGate gate, TimeProvider time, ILogger<EscalationFollower> logger) : Follower(logger)
{
    public override string Name => "Assistance request escalation";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IncidentsDbContext>();
        var now = Micros.Now(time);
        var due = await DueAsync(db, now, cancellationToken);
        if (due is null)
        {
            return false;
        }

        if (EscalationLadder.Next(due) is not { } stage)
        {
            return true;
        }

        var recipients = EscalationLadder.ToSecretariat(stage) ? await SecretariatAsync(services, cancellationToken) : await ContactsAsync(services, due.ReceiverOrgId, cancellationToken);
        var notifier = services.GetRequiredService<INotifier>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var row = await db.Requests.FirstAsync(r => r.Id == due.Id, cancellationToken);
            if (row.Status != due.Status || row.EscalationStage != due.EscalationStage || row.EscalateAtUs is null || row.EscalateAtUs > now)
            {
                return true;
            }

            row.EscalationStage = stage;
            row.EscalateAtUs = EscalationLadder.AfterEscalation(row, stage);
            row.UpdatedUs = now;
            var happened = new RequestEventRow
            {
                Id = Guid.NewGuid(), RequestId = row.Id, Kind = (int)RequestEventKind.Escalated, Stage = stage, AtUs = now,
                Text = EscalationLadder.Describe(stage, recipients.Count),
            };
            db.RequestEvents.Add(happened);
            if (await CaseOwnerAsync(db, row.CaseId, cancellationToken) is { } owner)
            {
                db.Changes.Add(new CaseChangeRow { CaseId = row.CaseId, Kind = (int)ChangeKind.Versioned, OwnerOrgId = owner, AtUs = now });
            }

            var subject = RequestRenderer.Subject(row.Id, happened.Id);
            foreach (var audience in recipients.Append(NotificationAudience.Organisation(row.RequesterOrgId)))
            {
                await notifier.EnqueueAsync(
                    new Notification(RequestRenderer.Kind.Name, subject, audience, $"{row.Id}:escalation:{stage}:{audience.UserId ?? audience.OrganisationId}"),
                    transaction.GetDbTransaction(), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notifier.Wake();
        await services.GetRequiredService<IAuditTrail>().RecordAsync(
            new AuditEvent("request.escalate", RequestService.RequestType, due.Id.ToString(), due.ReceiverOrgId, $"stage {stage}, {recipients.Count} recipients"),
            AuditActor.Node(AuditChannel.System, due.ReceiverOrgId), cancellationToken);
        return true;
    }

    private static Task<RequestRow?> DueAsync(IncidentsDbContext db, long now, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking()
            .Where(r => r.EscalateAtUs != null && r.EscalateAtUs <= now)
            .OrderBy(r => r.EscalateAtUs).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    [InternalProjection("an escalation's change-feed entry names the case's owner; nothing of the case reaches anyone")]
    private static Task<Guid?> CaseOwnerAsync(IncidentsDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.OwnerOrgId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The receiving team's escalation contacts that have an account in its organisation; else its admins.</summary>
    private static async Task<List<NotificationAudience>> ContactsAsync(IServiceProvider services, Guid receiver, CancellationToken cancellationToken)
    {
        var access = services.GetRequiredService<IAccessDirectory>();
        var principal = await services.GetRequiredService<IPrincipalResolver>().ForOrganisationAsync(receiver, Role.ReadOnly, "escalation", cancellationToken);
        var profile = await services.GetRequiredService<ITeamDirectory>().GetAsync(principal, receiver, cancellationToken);
        var emails = (profile.IsSuccess ? profile.Value!.EscalationContacts : []).Select(c => c.Email).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var members = await access.ListMembersAsync(receiver, Role.ReadOnly, cancellationToken);
        var contacts = members.Where(m => m.Email is { } e && emails.Contains(e)).ToList();
        if (contacts.Count == 0)
        {
            contacts = [.. members.Where(m => m.Role >= Role.OrgAdmin)];
        }

        return contacts.Count == 0 ? [NotificationAudience.Organisation(receiver)] : [.. contacts.Select(c => NotificationAudience.User(c.UserId))];
    }

    /// <summary>The accounts with the secretariat role, in whichever organisation they are.</summary>
    private static async Task<List<NotificationAudience>> SecretariatAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var access = services.GetRequiredService<IAccessDirectory>();
        var audiences = new List<NotificationAudience>();
        foreach (var organisation in (await access.ListOrganisationsAsync(cancellationToken)).Select(o => (Guid?)o.Id).Append(null))
        {
            audiences.AddRange((await access.ListMembersAsync(organisation, Role.Secretariat, cancellationToken)).Where(m => m.Role == Role.Secretariat).Select(m => NotificationAudience.User(m.UserId)));
        }

        return audiences;
    }
}
