using Concord.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Concord.IntegrationTests;

/// <summary>
/// A real Concord node for one test: the full pipeline on Kestrel at 127.0.0.1 on a free port, over a fresh,
/// empty database (a new SQLite file, or a new PostgreSQL database), so data is reset before each test. The new
/// database is a copy of one migrated once per test process (<see cref="SchemaTemplate"/>): the node's own start
/// then finds every migration applied, as a restarted node does.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<Task> _dropDatabase;

    private TestNode(WebApplication app, Uri baseAddress, FakeTimeProvider time, Func<Task> dropDatabase, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        BaseAddress = baseAddress;
        Time = time;
        _dropDatabase = dropDatabase;
        Settings = settings;
    }

    /// <summary>The node's configuration overrides, e.g. to point the CLI at the same database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public Uri BaseAddress { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="store">The database engine.</param>
    /// <param name="settings">Configuration overrides (<c>Concord:Limits:MaxRequestBytes</c>, ...).</param>
    /// <param name="configureApp">Runs on the built node before it starts, e.g. to map an endpoint only a test needs.</param>
    /// <param name="configureBuilder">Runs on the node's builder after the test's own settings, e.g. to capture its logs.</param>
    public static async Task<TestNode> StartAsync(
        Store store, IDictionary<string, string?>? settings = null, Action<WebApplication>? configureApp = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Concord:Urls"] = "http://127.0.0.1:0",
            ["Concord:Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Func<Task> drop;

        // A test that names its own storage (a restart over another node's store) starts on exactly that.
        var ownStorage = settings?.Keys.Any(k => k.StartsWith("Concord:Storage:", StringComparison.Ordinal)) == true;
        var dataDir = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        config["Concord:Storage:DataDirectory"] = dataDir;
        if (store == Store.Postgres)
        {
            var server = Stores.RequirePostgres();
            var database = "concord_test_" + Guid.NewGuid().ToString("N");
            var template = ownStorage ? null : await SchemaTemplate.PostgresAsync();
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), admin);
                await create.ExecuteNonQueryAsync();
            }

            config["Concord:Storage:Provider"] = "Postgres";
            config["Concord:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            drop = async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await command.ExecuteNonQueryAsync();
            };
        }
        else
        {
            config["Concord:Storage:Provider"] = "Sqlite";
            if (!ownStorage)
            {
                SchemaTemplate.CopySqlite(await SchemaTemplate.SqliteAsync(), dataDir);
            }

            drop = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(dataDir))
                {
                    Directory.Delete(dataDir, recursive: true);
                }

                return Task.CompletedTask;
            };
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var app = await ConcordApp.BuildAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Services.AddSingleton<TimeProvider>(time);

            // Real PBKDF2, fewer rounds: the suite creates thousands of users, and 100,000 rounds cost 0.1 s each.
            builder.Services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            configureBuilder?.Invoke(builder);
        });
        configureApp?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestNode(app, new Uri(address), time, drop, config);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    private bool _stopped;

    /// <summary>Stops the node (its server and background services) as a process's end would; its services stay readable.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        await _dropDatabase();
    }
}
