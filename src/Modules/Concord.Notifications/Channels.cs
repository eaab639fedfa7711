using System.Security.Claims;
using System.Text.Json.Serialization;
using Concord.Platform;

namespace Concord.Notifications;

/// <summary>One notification in a user's inbox, as rendered for that user.</summary>
public sealed record InboxItem(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("read_at")] DateTimeOffset? ReadAt);

/// <summary>The signed-in user's inbox. Another user's notification is not found, whoever asks.</summary>
public interface IInbox
{
    /// <summary>
    /// The newest notifications first; with <paramref name="before"/> (a notification of the page before), the ones
    /// after it. Each is read again for the user through its renderer: one about a record the user may no longer read
    /// (its owner narrowed it) is withdrawn, not shown — so a page may hold fewer than <paramref name="limit"/>; only an
    /// empty page is the end.
    /// </summary>
    Task<Result<IReadOnlyList<InboxItem>>> ListAsync(ClaimsPrincipal user, bool unreadOnly, int limit, Guid? before, CancellationToken cancellationToken);

    /// <summary>How many unread notifications the header shows (0 for callers without an inbox).</summary>
    Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Result<InboxItem>> MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken);

    /// <summary>Marks every unread notification read; the number marked.</summary>
    Task<Result<int>> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}

/// <summary>A user's choice for one kind.</summary>
public sealed record NotificationPreference(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("inbox")] bool Inbox,
    [property: JsonPropertyName("email")] bool Email);

/// <summary>Each user chooses per kind and channel.</summary>
public interface INotificationPreferences
{
    Task<Result<IReadOnlyList<NotificationPreference>>> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>Changes the channels given (null leaves one as it is); an unknown kind is a validation error.</summary>
    Task<Result<IReadOnlyList<NotificationPreference>>> SetAsync(ClaimsPrincipal user, string kind, bool? inbox, bool? email, CancellationToken cancellationToken);
}
