using System.Globalization;
using Concord.Access;
using Concord.Notifications;

namespace Concord.Intel.Features.Alerts;

/// <summary>
/// A hit alert as a notification: read as the recipient through <see cref="IHitAlerts"/> (the visibility door: only the
/// matched object's owner reads it), saying which value of which own object was reported, and roughly when — never
/// by whom or in which object.
/// </summary>
internal sealed class HitAlertRenderer(IHitAlerts alerts) : INotificationRenderer
{
    public static readonly NotificationKind Kind = new(
        "hit-alert",
        "Hit alerts",
        "Another member reported a value that one of your organisation's TLP:AMBER or AMBER+STRICT objects holds (the reporter stays anonymous).",
        EmailByDefault: true);

    string INotificationRenderer.Kind => Kind.Name;

    public async Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(subjectId, out var id) || (await alerts.FindAsync(reader, id, cancellationToken)).Value is not { } alert)
        {
            return null;
        }

        var when = alert.ReportedAt.ToString("yyyy-MM-dd HH:00 'UTC'", CultureInfo.InvariantCulture);
        var link = "/intel/objects/" + Uri.EscapeDataString(alert.ObjectId) + (reader.OrganisationId is { } owner ? "?owner=" + owner.ToString("D") : string.Empty);
        return new RenderedNotification(
            $"Hit alert: {alert.Kind} {alert.Value}",
            $"Another member reported {alert.Value} ({alert.Kind}), a value your object {alert.ObjectId} holds, around {when}. " +
            "Who reported it, and in which object, is not told.",
            link);
    }
}
