using System.Security.Claims;
using Concord.Access;
using Concord.Notifications.Data;
using Concord.Notifications.Features.Delivery;
using Concord.Notifications.Features.Outbox;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Concord.Notifications.Features.Email;

internal sealed class MailStatusService(
    NotificationsDbContext db,
    IPrincipalResolver principals,
    IOptions<NotificationsOptions> options,
    DeliveryFollower deliveries,
    IServiceProvider services,
    IAuditTrail audit,
    TimeProvider time) : IMailStatus
{
    public async Task<Result<MailStatus>> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!(await principals.ResolveAsync(user, cancellationToken)).HasRole(Role.NodeAdmin))
        {
            return Inboxes.NotNodeAdmin();
        }

        return await StatusAsync(cancellationToken);
    }

    /// <summary>The status without a caller to check: for the node's operator (<c>concord mail status</c>).</summary>
    internal async Task<MailStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var mail = db.Deliveries.AsNoTracking().Where(d => d.Channel == DeliveryChannel.Email);
        var pending = await mail.CountAsync(d => d.Status == DeliveryStatus.Pending, cancellationToken);
        var failed = await mail.CountAsync(d => d.Status == DeliveryStatus.Failed, cancellationToken);
        var lastSent = await mail.Where(d => d.Status == DeliveryStatus.Sent).MaxAsync(d => d.LastAttemptUs, cancellationToken);
        var lastError = await mail.Where(d => d.LastError != null).OrderByDescending(d => d.LastAttemptUs)
            .Select(d => new { d.LastError, d.LastAttemptUs }).FirstOrDefaultAsync(cancellationToken);
        return new MailStatus(
            EmailSender.Configured(smtp),
            smtp.Host,
            smtp.Port,
            smtp.Security.ToString(),
            smtp.Sender,
            pending,
            failed,
            Micros.ToTime(lastSent),
            lastError?.LastError,
            Micros.ToTime(lastError?.LastAttemptUs));
    }

    public async Task<Result<DeliveryInfo>> SendTestAsync(ClaimsPrincipal user, string? to, CancellationToken cancellationToken)
    {
        if (!(await principals.ResolveAsync(user, cancellationToken)).HasRole(Role.NodeAdmin))
        {
            return Inboxes.NotNodeAdmin();
        }

        return await SendTestAsync(to, cancellationToken);
    }

    /// <summary>A test message without a caller to check: for the node's operator (<c>concord mail test</c>).</summary>
    internal async Task<Result<DeliveryInfo>> SendTestAsync(string? to, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(to) || !MailboxAddress.TryParse(to.Trim(), out _) || to.Length > 320)
        {
            return Error.Validation("to", "email-format", "'to' must be an e-mail address.");
        }

        if (!EmailSender.Configured(options.Value.Smtp))
        {
            return Error.Conflict("smtp-not-configured", "No SMTP relay is configured: set Concord:Notifications:Smtp:Host and Sender, then restart.");
        }

        var now = Micros.Now(time);
        var delivery = new Data.Delivery
        {
            Id = Guid.CreateVersion7(),
            Channel = DeliveryChannel.Email,
            Kind = NotificationKinds.Test,
            Address = to.Trim(),
            Subject = "Test from Concord",
            Body = "This is a test of the node's outgoing mail. No action is needed.\n",
            NextAttemptUs = now,
            CreatedUs = now,
        };
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("mail.test", "delivery", delivery.Id.ToString("D")), cancellationToken);
        await deliveries.AttemptAsync(services, delivery.Id, now, cancellationToken);
        await db.Entry(delivery).ReloadAsync(cancellationToken);
        return delivery.ToInfo();
    }
}
