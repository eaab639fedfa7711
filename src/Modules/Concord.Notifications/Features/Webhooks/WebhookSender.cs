using System.Net;
using System.Text;
using Concord.Notifications.Features.Delivery;
using Concord.Platform.Outbound;

namespace Concord.Notifications.Features.Webhooks;

/// <summary>
/// Posts one delivery to its webhook through the outbound client (timeouts and the SSRF guard on every hop), signed
/// with HMAC-SHA256 over the body. The delivery loop retries with backoff; this client does not retry a POST itself.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string SignatureHeader = "X-Concord-Signature";
    public const string DeliveryHeader = "X-Concord-Delivery";
    public const string KindHeader = "X-Concord-Kind";

    public async Task<SendOutcome> SendAsync(Data.Delivery delivery, Data.Webhook webhook, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SignatureHeader, WebhookPayloads.Signature(webhook.Secret, delivery.Body));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString("D"));
        request.Headers.Add(KindHeader, delivery.Kind);
        try
        {
            using var response = await clients.CreateClient(OutboundPurpose.Webhooks).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? SendOutcome.Done(status)
                : response.StatusCode == HttpStatusCode.Gone ? SendOutcome.GiveUp("The receiver answered 410 Gone.", status)
                : SendOutcome.Retry($"The receiver answered {status} {response.ReasonPhrase}.", status);
        }
        catch (OutboundRefusedException ex)
        {
            return SendOutcome.GiveUp(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Retry($"Posting to the webhook failed: {ex.Message}");
        }
    }
}
