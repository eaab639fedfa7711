using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Concord.Platform;

/// <summary>
/// Applies a module's migrations at start. Every start of the node and every local CLI verb runs this, so it first reads
/// the module's history table over a plain connection and returns when every migration of the module is there:
/// EF's migrator would take the migration lock, instantiate every migration and diff the model against the snapshot
/// to say "nothing to do", which costs a CLI verb most of a second.
/// </summary>
public static partial class ModuleMigrations
{
    /// <summary>Brings the schema of <typeparamref name="TContext"/>'s module up to date.</summary>
    public static async Task MigrateModuleAsync<TContext>(this IServiceProvider services, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var storage = scope.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var history = StorageExtensions.HistoryTable(scope.ServiceProvider.GetRequiredService<ModuleSchema<TContext>>().Module);
        var (databaseExists, applied) = await AppliedAsync(storage, history, cancellationToken);
        if (applied is not null && MigrationIds(db.GetType()).All(applied.Contains))
        {
            return;
        }

        if (databaseExists && applied is null && storage.Provider == StorageProvider.Postgres)
        {
            // Npgsql's migrator reads the history table before creating it and EF logs the "relation does not exist" as a
            // failed command (npgsql/efcore.pg#3407): on a first start an operator would read "fail:" lines. Creating the
            // table first (the provider's own idempotent script) leaves nothing to fail.
            await ExecuteAsync(storage, db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }

        // A migration that rewrites every row (a new index, a backfill) takes minutes on a store of millions: the default
        // 30 s command timeout failed it and stopped the node's start. It runs as long as it takes, and says so first.
        // A new store has nothing to rewrite: only an upgrade says it.
        if (applied is { Count: > 0 })
        {
            var pending = MigrationIds(db.GetType()).Where(id => !applied.Contains(id)).Order(StringComparer.Ordinal).ToList();
            scope.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(ModuleMigrations)).Migrating(
                scope.ServiceProvider.GetRequiredService<ModuleSchema<TContext>>().Module, pending.Count, pending[^1]);
        }

        db.Database.SetCommandTimeout(TimeSpan.Zero);
        await db.Database.MigrateAsync(cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Migrating the {Module} module's store: {Count} migration(s), up to {Last} (on a large store this can take minutes)")]
    private static partial void Migrating(this ILogger logger, string module, int count, string last);

    /// <summary>The ids of the migrations EF would find for <paramref name="contextType"/>, found the way EF finds them.</summary>
    private static IEnumerable<string> MigrationIds(Type contextType) =>
        contextType.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>();

    /// <summary>
    /// The migration ids in the history table, null when the table does not exist yet; and whether the database exists
    /// (EF's migrator creates a missing PostgreSQL database where the user may).
    /// </summary>
    private static async Task<(bool DatabaseExists, HashSet<string>? Applied)> AppliedAsync(StorageOptions storage, string history, CancellationToken cancellationToken)
    {
        await using var connection = Open(storage);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            if (connection is SqliteConnection)
            {
                // Write-ahead logging (kept in the file once set): readers never wait for a writer, nor a writer for
                // them. With SQLite's default rollback journal a long import locked every reader out once its changes
                // outgrew the cache, and the node's own pages and workers failed with "database is locked" after 30 s.
                command.CommandText = "PRAGMA journal_mode = WAL";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.CommandText = $"SELECT \"MigrationId\" FROM \"{history}\"";
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }

            return (true, ids);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return (false, null);
        }
        catch (DbException ex) when (IsMissingTable(ex))
        {
            return (true, null);
        }
    }

    /// <summary>PostgreSQL's undefined_table, SQLite's "no such table" (SQLITE_ERROR): any other failure is the operator's to see.</summary>
    private static bool IsMissingTable(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UndefinedTable,
        SqliteException sqlite => sqlite.SqliteErrorCode == 1 && sqlite.Message.Contains("no such table", StringComparison.Ordinal),
        _ => false,
    };

    private static async Task ExecuteAsync(StorageOptions storage, string sql, CancellationToken cancellationToken)
    {
        await using var connection = Open(storage);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbConnection Open(StorageOptions storage) => storage.Provider switch
    {
        StorageProvider.Sqlite => new SqliteConnection(storage.ResolveConnectionString()),
        StorageProvider.Postgres => new NpgsqlConnection(storage.ResolveConnectionString()),
        var other => throw new InvalidOperationException($"Unknown storage provider {other}."),
    };
}

/// <summary>Which module a DbContext belongs to, so that its history table can be found without building its model.</summary>
public sealed record ModuleSchema<TContext>(string Module)
    where TContext : DbContext;
