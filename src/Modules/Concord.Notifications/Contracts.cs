using System.Data.Common;
using Concord.Access;

namespace Concord.Notifications;

/// <summary>
/// A kind of notification a module sends ("hit-alert", later "assistance-request", "vote-opened"), registered once
/// with <see cref="NotificationsModule.AddNotificationKind"/>. Each user turns each channel on or off per kind;
/// <paramref name="EmailByDefault"/> is the e-mail setting of a user who has not chosen (the inbox is on by default).
/// </summary>
public sealed record NotificationKind(string Name, string Title, string Description, bool EmailByDefault);

/// <summary>Who to tell: the members of an organisation (with at least a role), or one account.</summary>
public sealed record NotificationAudience(Guid? OrganisationId, Guid? UserId, Role MinimumRole)
{
    public static NotificationAudience Organisation(Guid organisationId, Role minimumRole = Role.ReadOnly) => new(organisationId, null, minimumRole);

    public static NotificationAudience User(Guid userId) => new(null, userId, Role.ReadOnly);
}

/// <summary>
/// What to tell: a kind, the record it is about (read per recipient by the kind's <see cref="INotificationRenderer"/>,
/// through the visibility door), who to tell, and a key that makes sending twice harmless (the same key is kept once).
/// The notification carries no text: what each recipient reads is rendered for that recipient.
/// </summary>
public sealed record Notification(string Kind, string SubjectId, NotificationAudience To, string OnceKey);

/// <summary>What one recipient reads: a title, a short text and a link into the UI (a path, e.g. <c>/objects/…</c>).</summary>
public sealed record RenderedNotification(string Title, string Text, string? Link);

/// <summary>
/// Renders a kind's notifications for one reader. It reads the subject as <paramref name="reader"/> through the
/// visibility door and answers null when the reader may not read it: that recipient is then told nothing.
/// </summary>
public interface INotificationRenderer
{
    string Kind { get; }

    Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken);
}

/// <summary>The one way a module tells people something.</summary>
public interface INotifier
{
    /// <summary>
    /// Queues <paramref name="notification"/> in the caller's open transaction on the node's database, so that it is
    /// committed with the write that caused it, or not at all (a process killed in between loses neither).
    /// </summary>
    Task EnqueueAsync(Notification notification, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Queues <paramref name="notification"/> on its own (for a caller that has no transaction to share).</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken);

    /// <summary>Tells the fan-out to look now, once the transaction that queued notifications committed (else it looks within the poll interval).</summary>
    void Wake();
}
