using Concord.Federation.Data;
using Concord.Federation.Endpoints;
using Concord.Federation.Features;
using Concord.Federation.Features.Envelope;
using Concord.Federation.Features.Peers;
using Concord.Federation.Features.Provenance;
using Concord.Federation.Features.Push;
using Concord.Federation.Features.Refusals;
using Concord.Federation.Features.Sync;
using Concord.Notifications;
using Concord.Platform;
using Concord.Taxii;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Federation;

/// <summary>
/// The Federation module: this node's identity among its peers, connected peers, and pulling what they share over TAXII
/// 2.1 (with each object's owner and distribution in the envelope, <see cref="PeerEnvelope"/>).
/// </summary>
public static class FederationModule
{
    public const string Name = "federation";

    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FederationOptions>().Bind(configuration.GetSection(FederationOptions.Section))
            .Validate(o => o.PullInterval >= TimeSpan.FromMilliseconds(100) && o.PullInterval <= TimeSpan.FromDays(1), $"{FederationOptions.Section}:PullInterval must be between 100 ms and a day.")
            .Validate(o => o.PageSize is >= 1 and <= 10_000, $"{FederationOptions.Section}:PageSize must be between 1 and 10000.")
            .Validate(o => o.PushPageSize is >= 1 and <= 10_000, $"{FederationOptions.Section}:PushPageSize must be between 1 and 10000.")
            .Validate(o => o.PushStatusWait >= TimeSpan.FromSeconds(1) && o.PushStatusWait <= TimeSpan.FromHours(1), $"{FederationOptions.Section}:PushStatusWait must be between a second and an hour.");
        services.AddModuleDbContext<FederationDbContext, SqliteFederationDbContext, PostgresFederationDbContext>(Name);
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<PullSignal>();
        services.AddScoped<PeerService>();
        services.AddScoped<PeerPuller>();
        services.AddScoped<PeerPusher>();
        services.AddScoped<ProvenanceReader>();
        services.AddScoped<RefusalTeller>();
        services.AddScoped<RefusalInbox>();
        services.AddNotificationKind<RefusalRenderer>(RefusalRenderer.Kind);
        services.AddScoped<IFederation, FederationService>();
        services.AddScoped<ITaxiiPeerEnvelope, PeerEnvelope>();
        services.AddHostedService<PullService>();
        services.AddHostedService<PushService>();
        services.AddOptions<Features.Lookups.LookupOptions>().Bind(configuration.GetSection(Features.Lookups.LookupOptions.Section))
            .Validate(o => o.PermitsPerMinute is >= 1 and <= 100_000, $"{Features.Lookups.LookupOptions.Section}:PermitsPerMinute must be between 1 and 100000.");
        services.AddScoped<IFederatedLookups, Features.Lookups.FederatedLookups>();
        services.AddLookupRateLimit();
        return services;
    }

    public static async Task MigrateFederationAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<FederationDbContext>(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NodeIdentity>().LoadAsync(scope.ServiceProvider.GetRequiredService<FederationDbContext>(), cancellationToken);
    }

    public static IEndpointRouteBuilder MapFederationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFederationApi();
        endpoints.MapLookupApi();
        return endpoints;
    }
}
