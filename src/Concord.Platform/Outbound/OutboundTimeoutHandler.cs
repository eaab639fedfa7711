using System.Net.Http;
using Polly.Timeout;

namespace Concord.Platform.Outbound;

/// <summary>
/// Outside the retries: a timeout of the attempts or of the whole call leaves as HttpClient's own timeout does (a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>), so a caller handles one kind of timeout
/// and never needs the resilience library's types.
/// </summary>
internal sealed class OutboundTimeoutHandler(OutboundPurpose purpose) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            var origin = request.RequestUri is { } uri ? OutboundRefusedException.Origin(uri) : "";
            var message = $"{request.Method} {origin} timed out after {e.Timeout} "
                + $"({OutboundOptions.Section}:{purpose}:AttemptTimeout and TotalTimeout).";
            throw new TaskCanceledException(message, new TimeoutException(message, e));
        }
    }
}
