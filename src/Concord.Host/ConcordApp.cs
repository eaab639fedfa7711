using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Taxii;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Host;

/// <summary>Composes the node: modules, storage, HTTP pipeline. The CLI and the integration tests both build it here.</summary>
public static class ConcordApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static async Task<WebApplication> BuildAsync(Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddEnvironmentVariables();
        configure?.Invoke(builder);
        builder.WebHost.UseUrls(builder.Configuration["Concord:Urls"] ?? DefaultUrls);

        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));
        builder.Services.AddProblemDetails();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAccess(builder.Configuration);
        builder.Services.AddIntel(builder.Configuration);
        builder.Services.AddTaxii(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
        var api = app.MapGroup("/api/v1");
        api.MapAccessEndpoints();
        api.MapIntelEndpoints();
        app.MapTaxiiEndpoints();

        await app.Services.MigrateAccessAsync(cancellationToken);
        await app.Services.MigrateIntelAsync(cancellationToken);
        await app.Services.MigrateTaxiiAsync(cancellationToken);
        return app;
    }
}
