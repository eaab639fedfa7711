namespace Concord.Host.Hosting;

/// <summary>Security headers on every response; the API docs page gets the script allowance it needs, from this host only.</summary>
internal static class SecurityHeaders
{
    // Nothing on this node loads from elsewhere: 'self' everywhere keeps pages from calling out (no CDN), and
    // frame-ancestors 'none' with X-Frame-Options DENY stops clickjacking. The browser UI lives under it: no inline
    // script or style (its charts and QR codes are SVG with presentation attributes), its one script is Blazor's file
    // from this host, and the interactive components' WebSocket is same-origin ('self').
    public const string DefaultPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page boots its bundled script with an inline configuration block and inline styles.
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Set when the response starts, not before the pipeline runs: the exception handler clears the headers
    // of a failed response, and error answers need them too.
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocs.PagePath) ? DocsPolicy : DefaultPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
