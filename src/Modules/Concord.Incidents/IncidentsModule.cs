using Concord.Incidents.Data;
using Concord.Incidents.Endpoints;
using Concord.Incidents.Features.Cases;
using Concord.Incidents.Features.Feed;
using Concord.Incidents.Features.Requests;
using Concord.Incidents.Features.Sharing;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Feeds;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Concord.Incidents;

/// <summary>The Incidents module: cross-border cases member organisations work on together (README, "Incidents").</summary>
public static class IncidentsModule
{
    public const string Name = "incidents";

    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IncidentsOptions>().Bind(configuration.GetSection(IncidentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IncidentsOptions>, IncidentsOptionsValidator>();
        services.AddModuleDbContext<IncidentsDbContext, SqliteIncidentsDbContext, PostgresIncidentsDbContext>(Name);
        services.AddSingleton<CaseWriteGate>();
        services.AddScoped<ICases, CaseService>();
        services.AddScoped<IChangeFeed, CaseChangeFeed>();
        services.AddNotificationKind<CaseSharedRenderer>(CaseSharedRenderer.Kind);
        services.AddScoped<RequestReader>();
        services.AddScoped<IAssistanceRequests, RequestService>();
        services.AddNotificationKind<RequestRenderer>(RequestRenderer.Kind);
        services.AddFollower<EscalationFollower>(sp => sp.GetRequiredService<IOptions<IncidentsOptions>>().Value.Requests.EscalationInterval);
        return services;
    }

    public static async Task MigrateIncidentsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<IncidentsDbContext>(cancellationToken);
    }

    public static IEndpointRouteBuilder MapIncidentsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCaseEndpoints();
        endpoints.MapContributionEndpoints();
        endpoints.MapRequestEndpoints();
        return endpoints;
    }
}
