using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Platform;

public static class StorageServices
{
    /// <summary>Binds and validates <see cref="StorageOptions"/> and adds the readiness check for the database.</summary>
    public static IServiceCollection AddConcordStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [HealthTags.Ready]);
        return services;
    }
}

/// <summary>Tags that decide which health endpoint runs a check.</summary>
public static class HealthTags
{
    /// <summary>Checks that must pass before the node takes traffic (<c>/health/ready</c>).</summary>
    public const string Ready = "ready";
}
