using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Intel;

/// <summary>The Intel module's two public doors, plus its start-up migration.</summary>
public static class IntelModule
{
    public static IServiceCollection AddIntel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapIntelEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;

    public static Task MigrateIntelAsync(this IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
