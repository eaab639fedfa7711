using Microsoft.AspNetCore.Http;

namespace Concord.Web.Hosting;

/// <summary>Which requests are a person's browser asking for a page, as opposed to API, TAXII or tooling calls.</summary>
internal static class BrowserRequests
{
    private static readonly string[] MachinePaths = ["/api", "/taxii2", "/openapi", "/health", "/_framework", "/_content", "/_blazor"];

    public static bool WantsPage(HttpContext context)
    {
        var path = context.Request.Path;
        if (MachinePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A local path to come back to after signing in; anything else (another host, <c>//evil</c>) becomes <c>/</c>.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
