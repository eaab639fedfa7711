using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concord.Platform;

/// <summary>Ready only when a module's database schema has every migration applied.</summary>
internal sealed class MigrationsHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }

        return HealthCheckResult.Healthy("Migrated.");
    }
}
