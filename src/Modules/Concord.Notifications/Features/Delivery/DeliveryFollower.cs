using Concord.Notifications.Data;
using Concord.Notifications.Features.Email;
using Concord.Notifications.Features.Webhooks;
using Concord.Platform.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Notifications.Features.Delivery;

/// <summary>
/// Sends the e-mails and webhook posts that are due, oldest first. Each delivery is claimed before it is sent (its next
/// attempt moved past the send's timeout, in one conditional update), so two processes never send it at once; an
/// attempt that fails is tried again after a delay that doubles each time (with jitter) until the attempts run out.
/// A process killed after sending but before recording it sends that one again: delivery is at least once, and a
/// webhook's <c>X-Concord-Delivery</c> id lets a receiver drop the repeat. E-mail waits while no relay is configured.
/// </summary>
internal sealed class DeliveryFollower(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider time, ILogger<DeliveryFollower> logger)
    : Follower(logger)
{
    private const int Batch = 20;

    public override string Name => "Notification delivery";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var email = scope.ServiceProvider.GetRequiredService<EmailSender>();
        var now = Micros.Now(time);
        var due = db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptUs <= now);
        if (!email.IsConfigured)
        {
            due = due.Where(d => d.Channel != DeliveryChannel.Email);
        }

        var batch = await due.OrderBy(d => d.NextAttemptUs).Take(Batch).Select(d => new { d.Id, d.NextAttemptUs }).ToListAsync(cancellationToken);
        var any = false;
        foreach (var item in batch)
        {
            any |= await AttemptAsync(scope.ServiceProvider, item.Id, item.NextAttemptUs, cancellationToken);
        }

        return any;
    }

    /// <summary>
    /// Claims, sends and records one delivery; false when another process claimed it first. A test message ("send
    /// test") is tried once: its answer is what the administrator asked for.
    /// </summary>
    internal async Task<bool> AttemptAsync(IServiceProvider services, Guid id, long expectedNextUs, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NotificationsDbContext>();
        var settings = options.Value;
        var lease = Micros.Now(time) + (long)(settings.Smtp.Timeout.TotalMicroseconds * 3) + 60_000_000;
        var claimed = await db.Deliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptUs == expectedNextUs)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptUs, lease), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var delivery = await db.Deliveries.FirstAsync(d => d.Id == id, cancellationToken);
        var outcome = await SendAsync(services, delivery, cancellationToken);
        var now = Micros.Now(time);
        delivery.Attempts++;
        delivery.LastAttemptUs = now;
        delivery.LastStatusCode = outcome.StatusCode;
        delivery.LastError = outcome.Error;
        if (outcome.Sent)
        {
            delivery.Status = DeliveryStatus.Sent;
        }
        else if (outcome.Permanent || delivery.Attempts >= settings.MaxAttempts || delivery.Kind == Outbox.NotificationKinds.Test)
        {
            delivery.Status = DeliveryStatus.Failed;
        }
        else
        {
            delivery.NextAttemptUs = now + Backoff(delivery.Attempts, settings);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// <summary>The first retry delay doubled per attempt made, capped, with up to a fifth added at random.</summary>
    internal static long Backoff(int attempts, NotificationsOptions settings)
    {
        var delay = Math.Min(settings.FirstRetryDelay.TotalMicroseconds * Math.Pow(2, attempts - 1), settings.MaxRetryDelay.TotalMicroseconds);
        return (long)(delay * (1 + (Random.Shared.NextDouble() / 5)));
    }

    private static async Task<SendOutcome> SendAsync(IServiceProvider services, Data.Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Channel == DeliveryChannel.Email)
        {
            return await services.GetRequiredService<EmailSender>().SendAsync(delivery, cancellationToken);
        }

        var db = services.GetRequiredService<NotificationsDbContext>();
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        return webhook is null
            ? SendOutcome.GiveUp("The webhook was deleted.")
            : await services.GetRequiredService<WebhookSender>().SendAsync(delivery, webhook, cancellationToken);
    }
}
