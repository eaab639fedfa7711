using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// Two real <c>concord serve</c> processes: node B pulls node A's objects in small pages, and each node is killed as
/// <c>kill -9</c> kills it in the middle of the sync — B while it stores pages, A while B reads from it. Restarted, B
/// resumes by itself from its persisted cursor, and ends with every object exactly once: nothing lost, nothing twice.
/// </summary>
public class KillTests
{
    private const int Objects = 1_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task KilledMidSync_EitherNode_TheSyncResumes_AndEveryObjectArrivesOnce(Store store)
    {
        await using var a = await Storage.CreateAsync(store);
        await using var b = await Storage.CreateAsync(store);
        var (portA, portB) = (ConcordProcess.FreePort(), ConcordProcess.FreePort());
        var envA = Environment(a, "node-a");
        var envB = Environment(b, "node-b");

        // A: an organisation sharing 1,000 indicators with connected nodes; B registered as its peer. B: A connected.
        Assert.Equal(0, (await ConcordProcess.RunAsync(a.Directory, ["admin", "org", "create", "Alpha", "--country", "FI", "--default-tlp", "green"], envA)).ExitCode);
        var bundle = Path.Combine(a.Directory, "bundle.json");
        await File.WriteAllTextAsync(bundle, Bundles.Bundle([.. Enumerable.Range(0, Objects).Select(i => (JsonNode)Bundles.Indicator(name: $"Killed mid-sync {i}"))]), Ct);
        var imported = await ConcordProcess.RunAsync(a.Directory, ["import", bundle, "--org", "Alpha", "--tlp", "green", "--scope", "connected-nodes"], envA);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var keyForB = await ConcordProcess.RunAsync(a.Directory, ["federation", "connect", "node-b", $"http://127.0.0.1:{portB}/"], envA);
        Assert.True(keyForB.ExitCode == 0, keyForB.Error);
        var connected = await ConcordProcess.RunAsync(b.Directory, ["federation", "connect", "node-a", $"http://127.0.0.1:{portA}/", "--key", keyForB.Out.Trim()], envB);
        Assert.True(connected.ExitCode == 0, connected.Error);

        var nodeA = await ServeAsync(a, portA, envA);
        var nodeB = await ServeAsync(b, portB, envB);
        try
        {
            // B killed while it stores A's pages: what it committed stays, and it holds only part of them.
            var before = await UntilAsync(b, n => n > 0, "B's first pages");
            nodeB.Kill();
            var atKill = await CountAsync(b);
            Assert.InRange(atKill, before, Objects - 1);

            // Restarted, B resumes; then A is killed while B reads from it, and restarted.
            nodeB = await ServeAsync(b, portB, envB);
            await UntilAsync(b, n => n > atKill, "B resuming after its restart");
            nodeA.Kill();
            var whileADown = await CountAsync(b);
            Assert.InRange(whileADown, atKill + 1, Objects - 1);
            nodeA = await ServeAsync(a, portA, envA);

            // Every object, each once, owned by Alpha's stand-in; then the last page's cursor moves past it (no read under way).
            await UntilAsync(b, n => n == Objects, "every object on B");
            await UntilAsync(b, n => n == 0, "the finished cursor", "SELECT COUNT(*) FROM federation_cursors WHERE next IS NOT NULL OR added_after_us IS NULL");
            await using var connection = b.Open();
            Assert.Equal(Objects, await ScalarAsync(connection, "SELECT COUNT(DISTINCT stix_id) FROM stix_objects"));
            Assert.Equal(1, await ScalarAsync(connection, "SELECT COUNT(DISTINCT owner_org_id) FROM stix_objects"));
        }
        finally
        {
            await nodeA.DisposeAsync();
            await nodeB.DisposeAsync();
        }
    }

    /// <summary>A node that pulls in pages of ten and tries a failed peer again every second.</summary>
    private static Dictionary<string, string> Environment(Storage storage, string name)
    {
        var environment = new Dictionary<string, string>(storage.Settings)
        {
            ["Concord__Federation__NodeName"] = name,
            ["Concord__Federation__PageSize"] = "10",
            ["Concord__Federation__PullInterval"] = "00:00:01",
            ["Concord__Outbound__AllowedHosts"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return environment;
    }

    private static Task<ConcordProcess> ServeAsync(Storage storage, int port, Dictionary<string, string> environment) =>
        ConcordProcess.ServeAsync(storage.Directory, ["--no-demo", "--urls", $"http://127.0.0.1:{port}"], environment);

    /// <summary>Waits (up to two minutes) until a count in the store (default: its objects) satisfies <paramref name="condition"/>; returns it.</summary>
    private static async Task<long> UntilAsync(Storage storage, Func<long, bool> condition, string what, string sql = "SELECT COUNT(*) FROM stix_objects")
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long count;
        while (!condition(count = await CountAsync(storage, sql)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited two minutes for {what}; the count is {count}");
            await Task.Delay(20, Ct);
        }

        return count;
    }

    private static async Task<long> CountAsync(Storage storage, string sql = "SELECT COUNT(*) FROM stix_objects")
    {
        await using var connection = storage.Open();
        return await ScalarAsync(connection, sql);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    /// <summary>A node's store and working directory, read directly by the test (the node runs in another process).</summary>
    private sealed class Storage : IAsyncDisposable
    {
        private readonly string? _server;
        private readonly string? _database;

        private Storage(string directory, Dictionary<string, string> settings, string? server, string? database)
        {
            (Directory, Settings, _server, _database) = (directory, settings, server, database);
        }

        public string Directory { get; }

        public Dictionary<string, string> Settings { get; }

        public static async Task<Storage> CreateAsync(Store store)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory("concord-kill-").FullName;
            if (store == Store.Sqlite)
            {
                return new Storage(directory, new() { ["Concord__Storage__DataDirectory"] = directory }, null, null);
            }

            var server = Stores.RequirePostgres();
            var database = "concord_test_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            return new Storage(directory, new()
            {
                ["Concord__Storage__DataDirectory"] = directory,
                ["Concord__Storage__Provider"] = "Postgres",
                ["Concord__Storage__ConnectionString"] = connection,
            }, server, database);
        }

        public DbConnection Open()
        {
            DbConnection connection = _database is null
                ? new SqliteConnection($"Data Source={Path.Combine(Directory, "concord.db")};Mode=ReadOnly;Pooling=False")
                : new NpgsqlConnection(Settings["Concord__Storage__ConnectionString"]);
            connection.Open();
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            }

            System.IO.Directory.Delete(Directory, recursive: true);
        }

        private static async Task ExecuteAsync(string server, string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }
    }
}
