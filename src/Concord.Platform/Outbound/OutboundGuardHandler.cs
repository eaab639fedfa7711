using System.Net;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Concord.Platform.Outbound;

/// <summary>
/// Sits between the retries and the guarded connection: it keeps calls on TCP, follows redirects itself, and hands a
/// refusal to the caller as itself. The connection handler's own redirects are off: it would follow a redirect to any
/// scheme from http (speaking HTTP to an ftp:// address) and give back a refused https-to-http redirect as a plain 302.
/// </summary>
internal sealed class OutboundGuardHandler(OutboundPurpose purpose, int maxRedirects, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // HTTP/3 runs over QUIC, which opens its connections without the ConnectCallback the guard lives in: never let a
        // request ask for it or an Alt-Svc answer upgrade to it.
        if (request.Version.Major >= 3 || request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        var current = request;
        for (var redirects = 0; ; redirects++)
        {
            var response = await SendCheckedAsync(current, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            var from = current.RequestUri!;
            var to = location.IsAbsoluteUri ? location : new Uri(from, location);
            var status = response.StatusCode;
            response.Dispose();
            if (Refusal(from, to, redirects) is { } refused)
            {
                Log.OutboundRefused(logger, to.IdnHost, refused.Message);
                throw refused;
            }

            // A new message per hop: the caller's stays as it was, so a retry starts again from the first address.
            current = Redirected(current, to, status);
        }
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            // The connection pool wraps what the connect callback throws; unwrapped, the retries see a refusal (which
            // they never repeat) and the caller reads the guard's own message.
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
    }

    private OutboundRefusedException? Refusal(Uri from, Uri to, int redirects)
    {
        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps)
        {
            return new(from, to, OutboundRefusal.RedirectScheme, "only http and https are followed.");
        }

        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            return new(from, to, OutboundRefusal.RedirectToHttp, "a redirect never goes from https to http.");
        }

        if (redirects < maxRedirects)
        {
            return null;
        }

        return new(from, to, OutboundRefusal.TooManyRedirects, maxRedirects == 0
            ? $"{purpose} calls follow no redirects ({OutboundOptions.Section}:{purpose}:MaxRedirects)."
            : $"more than {maxRedirects} redirects ({OutboundOptions.Section}:{purpose}:MaxRedirects).");
    }

    /// <summary>
    /// The next hop as browsers and .NET's own handler make it (RFC 9110 15.4): 303, and 301 or 302 after a POST, become
    /// a GET without content; 307 and 308 repeat the method and content. Credentials are not carried to the next address.
    /// </summary>
    private static HttpRequestMessage Redirected(HttpRequestMessage request, Uri to, HttpStatusCode status)
    {
        var toGet = status switch
        {
            HttpStatusCode.SeeOther => request.Method != HttpMethod.Get && request.Method != HttpMethod.Head,
            HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.MultipleChoices => request.Method == HttpMethod.Post,
            _ => false,
        };
        var next = new HttpRequestMessage(toGet ? HttpMethod.Get : request.Method, to)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = toGet ? null : request.Content,
        };
        foreach (var (name, values) in request.Headers)
        {
            if (name is not ("Authorization" or "Cookie" or "Host"))
            {
                next.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (toGet)
        {
            next.Headers.TransferEncodingChunked = null;
        }

        return next;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MultipleChoices or HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
