using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Concord.Notifications.Features.Delivery;

/// <summary>What an e-mail and a webhook carry: the rendered notification, with links made absolute where the node knows its address.</summary>
internal sealed class WebhookPayloads(IOptions<NotificationsOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string? Link(string? path) =>
        path is null ? null
        : options.Value.PublicUrl is { Length: > 0 } root ? root.TrimEnd('/') + path
        : path;

    public string EmailText(RenderedNotification rendered)
    {
        var text = new StringBuilder(rendered.Text).AppendLine().AppendLine();
        if (Link(rendered.Link) is { } link)
        {
            text.Append(CultureInfo.InvariantCulture, $"Open it in Concord: {link}").AppendLine().AppendLine();
        }

        return text.Append("You receive this because of your notification settings in Concord (Account › Notifications).").AppendLine().ToString();
    }

    /// <summary>The JSON body: <c>{"id", "kind", "title", "text", "link", "created"}</c>; the id is the delivery's (receivers drop repeats by it).</summary>
    public string WebhookBody(Guid deliveryId, string kind, RenderedNotification rendered, DateTimeOffset created) =>
        JsonSerializer.Serialize(new Body(deliveryId, kind, rendered.Title, rendered.Text, Link(rendered.Link), created.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)), Json);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body's UTF-8 bytes under the webhook's secret.</summary>
    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private sealed record Body(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("link")] string? Link,
        [property: JsonPropertyName("created")] string Created);
}
