using System.Security.Claims;
using Concord.Access;
using Concord.Notifications.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Notifications.Features.Inbox;

/// <summary>
/// A user's inbox. Entries are the user's own (another user's is not found); listing renders each again for the user
/// through its kind's renderer, and withdraws one the user may no longer read (its record was narrowed since).
/// </summary>
internal sealed class Inbox(NotificationsDbContext db, IAccessDirectory directory, IPrincipalResolver principals, IEnumerable<INotificationRenderer> renderers, TimeProvider time)
    : IInbox
{
    public const int MaxPageSize = 200;

    public async Task<Result<IReadOnlyList<InboxItem>>> ListAsync(ClaimsPrincipal user, bool unreadOnly, int limit, Guid? before, CancellationToken cancellationToken)
    {
        if (directory.UserIdOf(user) is not { } userId)
        {
            return Inboxes.NoAccount();
        }

        var query = db.Inbox.Where(i => i.UserId == userId);
        if (before is { } anchor)
        {
            // Newest first, each user's entries in a total order (an entry's outbox position is unique to it): the page
            // after an entry is what comes after it in that order, however many arrived since.
            var at = await db.Inbox.AsNoTracking().Where(i => i.Id == anchor && i.UserId == userId).Select(i => new { i.CreatedUs, i.OutboxSeq }).FirstOrDefaultAsync(cancellationToken);
            if (at is null)
            {
                return Error.Validation("before", "unknown-notification", $"'{anchor}' is not a notification in your inbox.");
            }

            query = query.Where(i => i.CreatedUs < at.CreatedUs || (i.CreatedUs == at.CreatedUs && i.OutboxSeq < at.OutboxSeq));
        }

        if (unreadOnly)
        {
            query = query.Where(i => i.ReadUs == null);
        }

        var rows = await query.OrderByDescending(i => i.CreatedUs).ThenByDescending(i => i.OutboxSeq).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(cancellationToken);
        var reader = await principals.ResolveAsync(user, cancellationToken);
        var byKind = renderers.ToDictionary(r => r.Kind, StringComparer.Ordinal);
        var items = new List<InboxItem>(rows.Count);
        foreach (var row in rows)
        {
            var current = byKind.TryGetValue(row.Kind, out var renderer) ? await renderer.RenderAsync(row.SubjectId, reader, cancellationToken) : null;
            if (current is null)
            {
                db.Inbox.Remove(row);
                continue;
            }

            items.Add(ToItem(row));
        }

        await db.SaveChangesAsync(cancellationToken);
        return items;
    }

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        directory.UserIdOf(user) is { } userId ? await db.Inbox.CountAsync(i => i.UserId == userId && i.ReadUs == null, cancellationToken) : 0;

    public async Task<Result<InboxItem>> MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (directory.UserIdOf(user) is not { } userId)
        {
            return Inboxes.NoAccount();
        }

        var row = await db.Inbox.FirstOrDefaultAsync(i => i.Id == id && i.UserId == userId, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("The notification");
        }

        row.ReadUs ??= Micros.Now(time);
        await db.SaveChangesAsync(cancellationToken);
        return ToItem(row);
    }

    public async Task<Result<int>> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (directory.UserIdOf(user) is not { } userId)
        {
            return Inboxes.NoAccount();
        }

        var now = Micros.Now(time);
        return await db.Inbox.Where(i => i.UserId == userId && i.ReadUs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadUs, now), cancellationToken);
    }

    private static InboxItem ToItem(InboxEntry row) =>
        new(row.Id, row.Kind, row.Title, row.Text, row.Link, Micros.ToTime(row.CreatedUs), Micros.ToTime(row.ReadUs));
}
