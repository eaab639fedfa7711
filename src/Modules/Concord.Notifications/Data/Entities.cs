namespace Concord.Notifications.Data;

/// <summary>
/// A queued notification, written in the sender's transaction (<see cref="INotifier.EnqueueAsync"/>) and fanned out to
/// its recipients by <see cref="Features.FanOut.FanOutFollower"/>. The audience is text (<c>org:&lt;id&gt;:&lt;role&gt;</c> or
/// <c>user:&lt;id&gt;</c>) so that plain SQL writes it the same way on both stores.
/// </summary>
internal sealed class OutboxEntry
{
    public long Seq { get; set; }

    public required string Kind { get; set; }

    public required string SubjectId { get; set; }

    public required string Audience { get; set; }

    public required string OnceKey { get; set; }

    public long CreatedUs { get; set; }

    public bool FannedOut { get; set; }
}

/// <summary>A notification in one user's inbox, with the text rendered for that user when it arrived.</summary>
internal sealed class InboxEntry
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public long OutboxSeq { get; set; }

    public required string Kind { get; set; }

    public required string SubjectId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public string? Link { get; set; }

    public long CreatedUs { get; set; }

    public long? ReadUs { get; set; }
}

/// <summary>A user's choice for one kind; no row means the kind's defaults.</summary>
internal sealed class Preference
{
    public Guid UserId { get; set; }

    public required string Kind { get; set; }

    public bool Inbox { get; set; }

    public bool Email { get; set; }
}

internal sealed class Webhook
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Url { get; set; }

    /// <summary>The HMAC key. Kept as given to the receiver: the node must sign with it.</summary>
    public required string Secret { get; set; }

    /// <summary>Kinds it receives, comma-separated; <c>*</c> for all.</summary>
    public required string Kinds { get; set; }

    public long CreatedUs { get; set; }

    public Guid? CreatedBy { get; set; }
}

internal enum DeliveryChannel
{
    Email = 1,
    Webhook = 2,
}

internal enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// One e-mail or webhook to send, with its rendered content and its attempts: the delivery log. An e-mail names the
/// account (its address is looked up when sending, so a changed address is used); a test message names its address.
/// </summary>
internal sealed class Delivery
{
    public Guid Id { get; set; }

    public DeliveryChannel Channel { get; set; }

    public required string Kind { get; set; }

    public long? OutboxSeq { get; set; }

    public Guid? UserId { get; set; }

    public string? Address { get; set; }

    public Guid? WebhookId { get; set; }

    public Guid? OrganisationId { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public long NextAttemptUs { get; set; }

    public long? LastAttemptUs { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public long CreatedUs { get; set; }
}
