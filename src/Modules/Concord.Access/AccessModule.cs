using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Access;

/// <summary>The Access module's two public doors, plus its start-up migration.</summary>
public static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAuthentication();
        services.AddAuthorization();
        return services;
    }

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;

    public static Task MigrateAccessAsync(this IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
