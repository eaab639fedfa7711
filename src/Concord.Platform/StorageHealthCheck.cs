using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Concord.Platform;

/// <summary>Ready only when the node's database answers a trivial query.</summary>
internal sealed class StorageHealthCheck(IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var storage = options.Value;
        try
        {
            await using DbConnection connection = storage.Provider == StorageProvider.Postgres
                ? new NpgsqlConnection(storage.ResolveConnectionString())
                : new SqliteConnection(storage.ResolveConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{storage.Provider} reachable.");
        }
        catch (DbException ex)
        {
            // The exception text can carry host names but never the password; it helps an operator more than a bare "down".
            return HealthCheckResult.Unhealthy($"{storage.Provider} unreachable: {ex.Message}");
        }
    }
}
