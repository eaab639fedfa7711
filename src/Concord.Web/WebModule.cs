using Concord.Web.Components;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web;

/// <summary>
/// The browser UI's public doors (and its error pages, which must sit early in the pipeline). Pages render on the server (static SSR); components that need a live
/// connection opt into <c>InteractiveServer</c>. Every page reads through the modules' public services, so through
/// <see cref="Concord.Access.Visibility"/>.
/// </summary>
public static class WebModule
{
    public static IServiceCollection AddConcordWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "concord.antiforgery";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BrowserAuthorizationHandler>();
        services.AddScoped<ConcordSession>();
        return services;
    }

    /// <summary>
    /// Browser requests that fail (an exception, or an error status without a body: unknown page, 403, 429, a forged
    /// form) get an HTML page instead of problem details or plain text; API, TAXII and tooling paths are left alone.
    /// Goes before routing and after the node's own exception handler and status-code pages, so that it answers first.
    /// </summary>
    public static WebApplication UseConcordWebErrorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<BrowserErrorPages>();
        return app;
    }

    /// <summary>Maps the UI at <c>/</c>; call after the node's authentication and authorization middleware.</summary>
    public static WebApplication MapConcordWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();

        // The UI's own files (styles, the icon, blazor.web.js) carry no data and the sign-in page needs them.
        app.MapStaticAssets().AllowAnonymous();
        app.MapLogout();

        app.MapLookupCsv();
        app.MapIntelDownloads();

        // Pages get the node's fallback policy (a member) unless they name another; the interactive circuit's hub
        // (/_blazor) too. Only the framework's redirect helper, which carries no data, answers strangers.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(endpoint =>
        {
            if (endpoint is Microsoft.AspNetCore.Routing.RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" })
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }
}
