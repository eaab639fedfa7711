using Concord.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Notifications.Features.Preferences;

/// <summary>A user's channels for one kind.</summary>
internal readonly record struct Choice(bool Inbox, bool Email);

/// <summary>Reads users' choices, with the kind's defaults for a user who has not chosen (the inbox on; e-mail as the kind says).</summary>
internal sealed class PreferenceStore(NotificationsDbContext db)
{
    public static Choice Default(NotificationKind kind) => new(true, kind.EmailByDefault);

    public async Task<Choice> ChoiceAsync(Guid userId, NotificationKind kind, CancellationToken cancellationToken)
    {
        var row = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId && p.Kind == kind.Name, cancellationToken);
        return row is null ? Default(kind) : new Choice(row.Inbox, row.Email);
    }
}
