using Microsoft.AspNetCore.Http;

namespace Concord.Access.Authentication;

/// <summary>
/// Cross-site request forgery defence for the REST API: a write (POST, PUT, PATCH, DELETE under <c>/api/</c>) that
/// rides on the browser's session cookie must carry a JSON body type — which a page on another site can only send
/// after a CORS preflight this node never grants — and must not come from another origin (<c>Origin</c> or
/// <c>Sec-Fetch-Site</c>). SameSite=Strict cookies already stop most of it; this holds where SameSite does not (a
/// sibling subdomain, an old browser). API keys and Basic credentials are not sent by browsers on their own, so those
/// callers are left alone. The UI's own forms are not under /api and carry antiforgery tokens instead.
/// </summary>
internal sealed class CookieWriteGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || context.User.Identity?.AuthenticationType != AccessSchemes.Cookie)
        {
            return next(context);
        }

        if (IsForeign(request))
        {
            return AuthProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "cross-site-request",
                "A write with the session cookie must come from this node's own pages (the Origin header names another site).");
        }

        var bodiless = HttpMethods.IsDelete(request.Method) && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding");
        if (!bodiless && !IsJson(request.ContentType))
        {
            return AuthProblems.Create(StatusCodes.Status415UnsupportedMediaType, "json-required",
                "A write with the session cookie must send 'Content-Type: application/json' (even with an empty body).", "Content-Type").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsForeign(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return true;
        }

        // The authority alone: behind a TLS-terminating proxy the node sees http while the browser's origin is https.
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
