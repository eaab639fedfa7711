using Concord.Notifications.Data;

namespace Concord.Notifications.Features.Delivery;

internal static class Deliveries
{
    public static DeliveryInfo ToInfo(this Data.Delivery d) => new(
        d.Id,
        d.Channel == DeliveryChannel.Email ? "email" : "webhook",
        d.Kind,
        d.Status switch { DeliveryStatus.Sent => "sent", DeliveryStatus.Failed => "failed", _ => "pending" },
        d.Attempts,
        d.LastStatusCode,
        d.LastError,
        Micros.ToTime(d.CreatedUs),
        Micros.ToTime(d.LastAttemptUs),
        d.Status == DeliveryStatus.Pending ? Micros.ToTime(d.NextAttemptUs) : null);
}
