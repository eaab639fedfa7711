using System.Security.Claims;
using Concord.Access;
using Concord.Notifications.Data;
using Concord.Notifications.Features.Outbox;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Notifications.Features.Preferences;

internal sealed class NotificationPreferences(NotificationsDbContext db, NotificationKinds kinds, IAccessDirectory directory, IAuditTrail audit) : INotificationPreferences
{
    public async Task<Result<IReadOnlyList<NotificationPreference>>> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (directory.UserIdOf(user) is not { } userId)
        {
            return Inboxes.NoAccount();
        }

        var rows = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, StringComparer.Ordinal, cancellationToken);
        return kinds.All.Select(kind =>
        {
            var choice = rows.TryGetValue(kind.Name, out var row) ? new Choice(row.Inbox, row.Email) : PreferenceStore.Default(kind);
            return new NotificationPreference(kind.Name, kind.Title, kind.Description, choice.Inbox, choice.Email);
        }).ToList();
    }

    public async Task<Result<IReadOnlyList<NotificationPreference>>> SetAsync(
        ClaimsPrincipal user, string kind, bool? inbox, bool? email, CancellationToken cancellationToken)
    {
        if (directory.UserIdOf(user) is not { } userId)
        {
            return Inboxes.NoAccount();
        }

        if (kinds.Find(kind) is not { } known)
        {
            return Error.Validation("kind", "kind-unknown", $"'{kind}' is not a notification kind ({string.Join(", ", kinds.All.Select(k => k.Name))}).");
        }

        var row = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Kind == known.Name, cancellationToken);
        if (row is null)
        {
            var defaults = PreferenceStore.Default(known);
            row = new Preference { UserId = userId, Kind = known.Name, Inbox = defaults.Inbox, Email = defaults.Email };
            db.Preferences.Add(row);
        }

        row.Inbox = inbox ?? row.Inbox;
        row.Email = email ?? row.Email;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("notification-preferences.update", "user", userId.ToString("D"), null, $"kind={known.Name} inbox={row.Inbox} email={row.Email}"), cancellationToken);
        return await GetAsync(user, cancellationToken);
    }
}
