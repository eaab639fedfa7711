using System.Security.Claims;
using System.Security.Cryptography;
using Concord.Access;
using Concord.Notifications.Data;
using Concord.Notifications.Features.Delivery;
using Concord.Notifications.Features.Outbox;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Notifications.Features.Webhooks;

internal sealed class Webhooks(
    NotificationsDbContext db,
    IPrincipalResolver principals,
    IAccessDirectory directory,
    NotificationKinds kinds,
    WebhookPayloads payloads,
    DeliveryFollower deliveries,
    IServiceProvider services,
    IAuditTrail audit,
    TimeProvider time) : IWebhooks
{
    public const int MaxPerOrganisation = 20;
    public const int MaxPageSize = 200;

    public async Task<Result<IReadOnlyList<WebhookInfo>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(user, cancellationToken) is not { } organisation)
        {
            return Inboxes.NotOrgAdmin();
        }

        var rows = await db.Webhooks.AsNoTracking().Where(w => w.OrganisationId == organisation).OrderBy(w => w.CreatedUs).ToListAsync(cancellationToken);
        return rows.Select(w => ToInfo(w, null)).ToList();
    }

    public async Task<Result<WebhookInfo>> CreateAsync(ClaimsPrincipal user, string? url, IReadOnlyList<string>? kindNames, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(user, cancellationToken) is not { } organisation)
        {
            return Inboxes.NotOrgAdmin();
        }

        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.UserInfo) || url.Length > 2048)
        {
            return Error.Validation("url", "url-format", "'url' must be an absolute http(s) URL without credentials, at most 2,048 characters.");
        }

        var names = (kindNames ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.FirstOrDefault(k => k != WebhookKinds.All && kinds.Find(k) is null) is { } unknown)
        {
            return Error.Validation("kinds", "kind-unknown", $"'{unknown}' is not a notification kind ({string.Join(", ", kinds.All.Select(k => k.Name))}, or * for all).");
        }

        if (await db.Webhooks.CountAsync(w => w.OrganisationId == organisation, cancellationToken) >= MaxPerOrganisation)
        {
            return Error.Conflict("webhook-limit", $"An organisation has at most {MaxPerOrganisation} webhooks; delete one first.");
        }

        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisation,
            Url = uri.AbsoluteUri,
            Secret = "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32)),
            Kinds = names.Count == 0 || names.Contains(WebhookKinds.All) ? WebhookKinds.All : string.Join(',', names),
            CreatedUs = Micros.Now(time),
            CreatedBy = directory.UserIdOf(user),
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("webhook.create", "webhook", webhook.Id.ToString("D"), organisation, $"kinds={webhook.Kinds}"), cancellationToken);
        return ToInfo(webhook, webhook.Secret);
    }

    public async Task<Result<bool>> DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(user, cancellationToken) is not { } organisation)
        {
            return Inboxes.NotOrgAdmin();
        }

        var deleted = await db.Webhooks.Where(w => w.Id == id && w.OrganisationId == organisation).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound("The webhook");
        }

        await audit.RecordAsync(new AuditEvent("webhook.delete", "webhook", id.ToString("D"), organisation), cancellationToken);
        return true;
    }

    public async Task<Result<DeliveryInfo>> SendTestAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(user, cancellationToken) is not { } organisation)
        {
            return Inboxes.NotOrgAdmin();
        }

        if (!await db.Webhooks.AnyAsync(w => w.Id == id && w.OrganisationId == organisation, cancellationToken))
        {
            return Error.NotFound("The webhook");
        }

        var now = Micros.Now(time);
        var delivery = new Data.Delivery
        {
            Id = Guid.CreateVersion7(),
            Channel = DeliveryChannel.Webhook,
            Kind = NotificationKinds.Test,
            WebhookId = id,
            OrganisationId = organisation,
            Subject = "Test from Concord",
            NextAttemptUs = now,
            CreatedUs = now,
            Body = string.Empty,
        };
        delivery.Body = payloads.WebhookBody(delivery.Id, NotificationKinds.Test, new RenderedNotification(
            "Test from Concord", "This is a test of your organisation's webhook. No action is needed.", null), Micros.ToTime(now));
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("webhook.test", "webhook", id.ToString("D"), organisation), cancellationToken);
        await deliveries.AttemptAsync(services, delivery.Id, now, cancellationToken);
        await db.Entry(delivery).ReloadAsync(cancellationToken);
        return delivery.ToInfo();
    }

    public async Task<Result<IReadOnlyList<DeliveryInfo>>> DeliveriesAsync(ClaimsPrincipal user, Guid id, int limit, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(user, cancellationToken) is not { } organisation)
        {
            return Inboxes.NotOrgAdmin();
        }

        if (!await db.Webhooks.AnyAsync(w => w.Id == id && w.OrganisationId == organisation, cancellationToken))
        {
            return Error.NotFound("The webhook");
        }

        var rows = await db.Deliveries.AsNoTracking().Where(d => d.WebhookId == id)
            .OrderByDescending(d => d.CreatedUs).ThenByDescending(d => d.Id).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return rows.Select(d => d.ToInfo()).ToList();
    }

    /// <summary>The organisation the caller administers, or null: webhooks are an org admin's, for their own organisation only.</summary>
    private async Task<Guid?> OrganisationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var principal = await principals.ResolveAsync(user, cancellationToken);
        return principal.HasRole(Role.OrgAdmin) ? principal.OrganisationId : null;
    }

    private static WebhookInfo ToInfo(Webhook w, string? secret) =>
        new(w.Id, w.OrganisationId, w.Url, WebhookKinds.Parse(w.Kinds), Micros.ToTime(w.CreatedUs), secret);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
