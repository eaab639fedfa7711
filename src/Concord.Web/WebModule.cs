using Concord.Web.Components;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web;

/// <summary>
/// The browser UI's two public doors. Pages render on the server (static SSR); components that need a live
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
    /// Maps the UI at <c>/</c> (after the node's authentication and authorization middleware). Browser requests that
    /// fail get an HTML page instead of problem details; API paths are left alone.
    /// </summary>
    public static WebApplication MapConcordWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<BrowserErrorPages>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapLogout();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
