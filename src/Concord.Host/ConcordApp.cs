using Concord.Access;
using Concord.Federation;
using Concord.Teams;
using Concord.Incidents;
using Concord.Host.Demo;
using Concord.Host.Hosting;
using Concord.Intel;
using Concord.Notifications;
using Concord.Taxii;
using Concord.Web;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Concord.Host;

/// <summary>Composes the node: modules, storage, HTTP pipeline. The CLI and the integration tests both build it here.</summary>
public static class ConcordApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the node and migrates its databases; it does not start listening. Configuration comes from
    /// appsettings.json beside the executable, appsettings.{Environment}.json, environment variables
    /// (<c>Concord__Storage__Provider=Postgres</c>), then whatever <paramref name="configure"/> adds.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it.</exception>
    public static Task<WebApplication> BuildAsync(Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default) =>
        BuildAsync(configure, serve: true, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="serve"/> false (a CLI verb on the local store) the HTTP pipeline and endpoints
    /// are left out: nothing will listen, and mapping the UI's and API's endpoints is time a short-lived process would waste.
    /// </summary>
    internal static async Task<WebApplication> BuildAsync(Action<WebApplicationBuilder>? configure, bool serve, CancellationToken cancellationToken)
    {
        // The application name is the executable's, whoever hosts it (tests too): the static web assets manifests
        // (concord.staticwebassets.*.json) the browser UI's files are found through carry it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConcordApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddEnvironmentVariables();
        configure?.Invoke(builder);
        if (ListenUrls.Resolve(builder.Configuration) is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }

        // The slim builder leaves HTTPS out; TAXII 2.1 (8.2.2) requires it, so an https:// URL with a certificate in
        // Kestrel:Certificates:Default must work.
        builder.WebHost.UseKestrelHttpsConfiguration();

        builder.AddNodeOptions();
        builder.Logging.AddConsole();

        // The slim builder pins the simple formatter in code; re-apply the configuration last so that
        // Logging:Console:FormatterName=json (structured JSON logs) takes effect.
        builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.AddConcordTelemetry();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBytes);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemRules.Customize);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

        // A parameter that does not bind or a body that is not JSON throws instead of answering a bare 400 (as it does
        // outside Development by default), so that the exception handler answers a problem naming the field. The request
        // delegate generator does not throw for an optional parameter: ProblemRules names that one from the bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddConcordRateLimiter();
        builder.Services.AddConcordOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        DemoClock.Wrap(builder.Services);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddAccess(builder.Configuration);
        builder.Services.AddIntel(builder.Configuration);
        builder.Services.AddTaxii(builder.Configuration);
        builder.Services.AddNotifications(builder.Configuration);
        builder.Services.AddTeams(builder.Configuration);
        builder.Services.AddIncidents(builder.Configuration);
        builder.Services.AddFederation(builder.Configuration);

        // Constituency routing reads Intel's objects and sightings; the host joins them (Intel and Teams do not know each other).
        builder.Services.AddScoped<Teams.IConstituencySource, Routing.IntelConstituencySource>();
        builder.Services.AddConcordWeb();

        var app = builder.Build();
        app.Services.ValidateNodeOptions();
        await app.Services.MigrateAccessAsync(cancellationToken);
        await app.Services.MigrateIntelAsync(cancellationToken);
        await app.Services.MigrateTaxiiAsync(cancellationToken);
        await app.Services.MigrateNotificationsAsync(cancellationToken);
        await app.Services.MigrateTeamsAsync(cancellationToken);
        await app.Services.MigrateIncidentsAsync(cancellationToken);
        await app.Services.MigrateFederationAsync(cancellationToken);
        if (!serve)
        {
            return app;
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConcordWebErrorPages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAccessRequestChecks();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapConcordHealth();
        app.MapConcordApiDocs();
        var api = app.MapGroup("/api/v1");
        api.MapAccessEndpoints();
        api.MapIntelEndpoints();
        api.MapNotificationsEndpoints();
        api.MapTeamsEndpoints();
        api.MapIncidentsEndpoints();
        api.MapFederationEndpoints();
        app.MapIntelMispEndpoints();
        app.MapTaxiiEndpoints();
        app.MapConcordWeb();
        return app;
    }
}
