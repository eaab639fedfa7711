using Concord.Host;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Concord.IntegrationTests;

/// <summary>
/// An empty store migrated once per test process, which every <see cref="TestNode"/> copies: running every module's
/// migrations took about 0.6 s of a node's 1.5 s start on SQLite and 0.8 s of 2.2 s on PostgreSQL, and the suite starts
/// about a thousand nodes. The template is built by the node's own start without serving (the CLI's path), so it holds
/// exactly what migrations write. PostgreSQL copies it with <c>CREATE DATABASE … TEMPLATE</c>; SQLite copies the file.
/// </summary>
internal static class SchemaTemplate
{
    private const string DatabaseFile = "concord.db";

    /// <summary>
    /// What a node makes for itself at its first start — its federation identity and its keys — is left out of the
    /// template: each test node makes its own, as a fresh node does (two nodes sharing one identity refuse each other).
    /// </summary>
    private const string ForgetIdentity = "DELETE FROM federation_node; DELETE FROM intel_node_keys;";

    private static readonly Lazy<Task<string>> Postgres = new(() => BuildPostgresAsync(Stores.RequirePostgres()));
    private static readonly Lazy<Task<string>> Sqlite = new(BuildSqliteAsync);

    /// <summary>The name of the migrated template database on the test server.</summary>
    public static Task<string> PostgresAsync() => Postgres.Value;

    /// <summary>The folder holding the migrated SQLite store.</summary>
    public static Task<string> SqliteAsync() => Sqlite.Value;

    /// <summary>Copies the template's database (only: a node's keys and files stay its own) into a new node's data folder.</summary>
    public static void CopySqlite(string template, string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        File.Copy(Path.Combine(template, DatabaseFile), Path.Combine(dataDir, DatabaseFile));
    }

    private static async Task<string> BuildPostgresAsync(string server)
    {
        var database = "concord_template_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "concord-tests", database);
        await MigrateAsync(new Dictionary<string, string?>
        {
            ["Concord:Storage:Provider"] = "Postgres",
            ["Concord:Storage:ConnectionString"] = connectionString,
            ["Concord:Storage:DataDirectory"] = folder,
        });

        await ExecuteAsync(connectionString, ForgetIdentity);

        // CREATE DATABASE … TEMPLATE needs the template without sessions: close the pool's, and refuse new ones.
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        await ExecuteAsync(server, $"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        AtExit(() =>
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return database;
    }

    private static async Task<string> BuildSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "concord-tests", "template-" + Guid.NewGuid().ToString("N"));
        await MigrateAsync(new Dictionary<string, string?>
        {
            ["Concord:Storage:Provider"] = "Sqlite",
            ["Concord:Storage:DataDirectory"] = folder,
        });

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, DatabaseFile)};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = ForgetIdentity;
            await forget.ExecuteNonQueryAsync();
        }

        // The last connection's close checkpoints the write-ahead log into the file: one file to copy, complete.
        SqliteConnection.ClearAllPools();
        if (File.Exists(Path.Combine(folder, DatabaseFile + "-wal")))
        {
            throw new InvalidOperationException("The SQLite template kept a write-ahead log: its file alone is not the whole store.");
        }

        AtExit(() => Directory.Delete(folder, recursive: true));
        return folder;
    }

    /// <summary>Tidies up when the test process ends; a server already gone or a file held open leaves a leftover, not a failed run.</summary>
    private static void AtExit(Action tidy) => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            tidy();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Test store template left behind: {ex.Message}");
        }
    };

    private static async Task MigrateAsync(Dictionary<string, string?> storage)
    {
        storage["Concord:Demo:Enabled"] = "false";
        storage["Logging:LogLevel:Default"] = "Warning";
        await using var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(storage), serve: false, CancellationToken.None);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
