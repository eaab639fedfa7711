using Concord.Intel.Observables.Warninglists;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Intel.Features.Correlation;

/// <summary>Registers correlation, exclusions and warninglists (called by <see cref="IntelModule.AddIntel"/>).</summary>
internal static class CorrelationServices
{
    public static IServiceCollection AddCorrelation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorrelationOptions>().Bind(configuration.GetSection(CorrelationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WarninglistOptions>().Bind(configuration.GetSection(WarninglistOptions.Section));
        services.AddSingleton<ExclusionCache>();
        services.AddSingleton<WarninglistCatalog>();
        services.AddSingleton<WarninglistService>();
        services.AddHostedService(sp => sp.GetRequiredService<WarninglistService>());
        services.AddSingleton<PrefixCache>();
        services.AddSingleton<IndexRebuild>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexRebuild>());
        services.AddScoped<ExclusionService>();
        services.AddScoped<CorrelationService>();
        services.AddScoped<ICorrelation>(sp => sp.GetRequiredService<CorrelationService>());
        return services;
    }
}
