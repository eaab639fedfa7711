using Concord.Access;
using Concord.Notifications.Data;
using Concord.Notifications.Features.Delivery;
using Concord.Notifications.Features.Outbox;
using Concord.Notifications.Features.Preferences;
using Concord.Notifications.Features.Webhooks;
using Concord.Platform.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Notifications.Features.FanOut;

/// <summary>
/// Turns queued notifications into what each recipient receives: for every member of the audience, the kind's renderer
/// reads the subject as that member (through the visibility door; a member who may not read it is told nothing), then
/// the inbox entry and the e-mail the member's preferences ask for; for an organisation's audience, its webhooks of that
/// kind get the notification rendered for the organisation. An internal projection, not a read path: what it writes is
/// read back only by the recipients it was rendered for. The entries and the outbox row's "fanned out" commit together,
/// so a process killed in between fans the row out again from the start, once.
/// </summary>
internal sealed class FanOutFollower(IServiceScopeFactory scopes, DeliveryFollower deliveries, ILogger<FanOutFollower> logger) : Follower(logger)
{
    private const int Batch = 100;

    public override string Name => "Notifications";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Outbox.Where(o => !o.FannedOut).OrderBy(o => o.Seq).Take(Batch).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return false;
        }

        var fanning = new Fanning(db, services);
        foreach (var row in rows)
        {
            await fanning.FanOutAsync(row, cancellationToken);
            row.FannedOut = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (fanning.Deliveries > 0)
        {
            deliveries.Signal();
        }

        return true;
    }

    /// <summary>One step's fan-out: the services it needs and what it has queued.</summary>
    private sealed class Fanning(NotificationsDbContext db, IServiceProvider services)
    {
        private readonly NotificationKinds _kinds = services.GetRequiredService<NotificationKinds>();
        private readonly IReadOnlyDictionary<string, INotificationRenderer> _renderers =
            services.GetServices<INotificationRenderer>().ToDictionary(r => r.Kind, StringComparer.Ordinal);
        private readonly IAccessDirectory _directory = services.GetRequiredService<IAccessDirectory>();
        private readonly IPrincipalResolver _principals = services.GetRequiredService<IPrincipalResolver>();
        private readonly PreferenceStore _preferences = services.GetRequiredService<PreferenceStore>();
        private readonly WebhookPayloads _payloads = services.GetRequiredService<WebhookPayloads>();
        private readonly long _now = Micros.Now(services.GetRequiredService<TimeProvider>());

        public int Deliveries { get; private set; }

        public async Task FanOutAsync(OutboxEntry row, CancellationToken cancellationToken)
        {
            // A kind no longer registered (a module removed) or an audience that does not parse: nobody to render for.
            if (_kinds.Find(row.Kind) is not { } kind || !_renderers.TryGetValue(row.Kind, out var renderer) || Audiences.Parse(row.Audience) is not { } audience)
            {
                return;
            }

            var members = audience.UserId is { } userId
                ? (await _directory.FindMemberAsync(userId, cancellationToken)) is { } one ? [one] : []
                : await _directory.ListMembersAsync(audience.OrganisationId, audience.MinimumRole, cancellationToken);
            foreach (var member in members)
            {
                await ToMemberAsync(row, kind, renderer, member, cancellationToken);
            }

            if (audience.OrganisationId is { } organisation)
            {
                await ToWebhooksAsync(row, renderer, organisation, cancellationToken);
            }
        }

        private async Task ToMemberAsync(OutboxEntry row, NotificationKind kind, INotificationRenderer renderer, MemberContact member, CancellationToken cancellationToken)
        {
            var choice = await _preferences.ChoiceAsync(member.UserId, kind, cancellationToken);
            if (!choice.Inbox && !choice.Email)
            {
                return;
            }

            var reader = await ReaderAsync(member, cancellationToken);
            if (await renderer.RenderAsync(row.SubjectId, reader, cancellationToken) is not { } rendered)
            {
                return;
            }

            if (choice.Inbox)
            {
                db.Inbox.Add(new InboxEntry
                {
                    Id = Guid.CreateVersion7(),
                    UserId = member.UserId,
                    OutboxSeq = row.Seq,
                    Kind = row.Kind,
                    SubjectId = row.SubjectId,
                    Title = rendered.Title,
                    Text = rendered.Text,
                    Link = rendered.Link,
                    CreatedUs = _now,
                });
            }

            if (choice.Email)
            {
                db.Deliveries.Add(new Data.Delivery
                {
                    Id = Guid.CreateVersion7(),
                    Channel = DeliveryChannel.Email,
                    Kind = row.Kind,
                    OutboxSeq = row.Seq,
                    UserId = member.UserId,
                    Subject = rendered.Title,
                    Body = _payloads.EmailText(rendered),
                    NextAttemptUs = _now,
                    CreatedUs = _now,
                });
                Deliveries++;
            }
        }

        private async Task ToWebhooksAsync(OutboxEntry row, INotificationRenderer renderer, Guid organisation, CancellationToken cancellationToken)
        {
            var hooks = (await db.Webhooks.AsNoTracking().Where(w => w.OrganisationId == organisation).ToListAsync(cancellationToken))
                .Where(w => WebhookKinds.Includes(w.Kinds, row.Kind)).ToList();
            if (hooks.Count == 0)
            {
                return;
            }

            // Rendered for the organisation as its least privileged member reads: a webhook answers for the whole organisation.
            var reader = await _principals.ForOrganisationAsync(organisation, Role.ReadOnly, "webhook", cancellationToken);
            if (await renderer.RenderAsync(row.SubjectId, reader, cancellationToken) is not { } rendered)
            {
                return;
            }

            foreach (var hook in hooks)
            {
                var id = Guid.CreateVersion7();
                db.Deliveries.Add(new Data.Delivery
                {
                    Id = id,
                    Channel = DeliveryChannel.Webhook,
                    Kind = row.Kind,
                    OutboxSeq = row.Seq,
                    WebhookId = hook.Id,
                    OrganisationId = organisation,
                    Subject = rendered.Title,
                    Body = _payloads.WebhookBody(id, row.Kind, rendered, Micros.ToTime(_now)),
                    NextAttemptUs = _now,
                    CreatedUs = _now,
                });
                Deliveries++;
            }
        }

        private async ValueTask<Principal> ReaderAsync(MemberContact member, CancellationToken cancellationToken) =>
            member.OrganisationId is { } organisation
                ? await _principals.ForOrganisationAsync(organisation, member.Role, member.UserName, cancellationToken)
                : new Principal(PrincipalKind.Member, null, new HashSet<Guid>(), member.Role, member.UserName);
    }
}
