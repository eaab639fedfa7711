using System.Security.Claims;
using System.Text.Json.Serialization;
using Concord.Platform;

namespace Concord.Notifications;

/// <summary>An organisation's webhook. The signing secret is shown once, when the webhook is created.</summary>
public sealed record WebhookInfo(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("kinds")] IReadOnlyList<string> Kinds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("secret")] string? Secret);

/// <summary>One e-mail or webhook delivery and where it stands: pending (with its next attempt), sent, or failed for good.</summary>
public sealed record DeliveryInfo(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_attempt_at")] DateTimeOffset? LastAttemptAt,
    [property: JsonPropertyName("next_attempt_at")] DateTimeOffset? NextAttemptAt);

/// <summary>
/// Webhooks of the caller's organisation (org admins): each receives the organisation's notifications of the kinds it
/// names, rendered for the organisation, as JSON signed with HMAC-SHA256 over the body
/// (<c>X-Concord-Signature: sha256=&lt;hex&gt;</c>), retried with backoff, with a delivery log.
/// </summary>
public interface IWebhooks
{
    Task<Result<IReadOnlyList<WebhookInfo>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>A new webhook; its secret is in the answer and never again.</summary>
    Task<Result<WebhookInfo>> CreateAsync(ClaimsPrincipal user, string? url, IReadOnlyList<string>? kinds, CancellationToken cancellationToken);

    Task<Result<bool>> DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken);

    /// <summary>Sends a test notification to the webhook now, and answers how that went.</summary>
    Task<Result<DeliveryInfo>> SendTestAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<DeliveryInfo>>> DeliveriesAsync(ClaimsPrincipal user, Guid id, int limit, CancellationToken cancellationToken);
}

/// <summary>The node's outgoing mail, for node admins: the SMTP settings in force and how delivery goes.</summary>
public sealed record MailStatus(
    [property: JsonPropertyName("configured")] bool Configured,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("security")] string Security,
    [property: JsonPropertyName("sender")] string? Sender,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("last_sent_at")] DateTimeOffset? LastSentAt,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("last_error_at")] DateTimeOffset? LastErrorAt);

public interface IMailStatus
{
    Task<Result<MailStatus>> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>Sends a test message to <paramref name="to"/> now, and answers how that went.</summary>
    Task<Result<DeliveryInfo>> SendTestAsync(ClaimsPrincipal user, string? to, CancellationToken cancellationToken);
}
