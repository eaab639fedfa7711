using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Platform;

public static class ModuleDbContexts
{
    /// <summary>
    /// Registers a module's DbContext. Each provider has its own subclass so that it carries its own
    /// migrations (EF binds migrations to a context type); callers ask for the base type and get the one
    /// matching the configured provider. The module's schema becomes part of the node's readiness.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TBase, TSqlite, TPostgres>(this IServiceCollection services, string module)
        where TBase : DbContext
        where TSqlite : TBase
        where TPostgres : TBase
    {
        // The options are built once per node, not per scope: rebuilding them made every request's first query look up
        // EF's internal services by the options' hash and re-resolve the connection string (a tenth of a correlation
        // lookup's CPU).
        services.AddDbContext<TSqlite>((sp, o) => o.UseConcordStorage(sp.GetRequiredService<IOptions<StorageOptions>>().Value, module), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<TPostgres>((sp, o) => o.UseConcordStorage(sp.GetRequiredService<IOptions<StorageOptions>>().Value, module), optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<TBase>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.Sqlite => sp.GetRequiredService<TSqlite>(),
            StorageProvider.Postgres => sp.GetRequiredService<TPostgres>(),
            var other => throw new InvalidOperationException($"Unknown storage provider {other}."),
        });
        services.AddSingleton(new ModuleSchema<TBase>(module));
        services.AddHealthChecks().AddCheck<MigrationsHealthCheck<TBase>>($"{module}-schema", tags: [HealthTags.Ready]);
        return services;
    }
}
