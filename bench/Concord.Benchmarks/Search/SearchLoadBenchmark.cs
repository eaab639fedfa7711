using System.Diagnostics;
using System.Globalization;
using Concord.Access;
using Concord.Benchmarks.Correlation;
using Concord.Benchmarks.Ingest;
using Concord.Host;
using Concord.Intel;
using Concord.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Search;

/// <summary>
/// <c>search-load [--postgres CONNSTR] [--objects N] [--clients C] [--seconds S] [--attack FILE] [--only KIND|TEXT]</c> (SQLite without
/// <c>--postgres</c>): starts the real node (Kestrel, API keys, visibility), seeds ATT&amp;CK Enterprise and N generated
/// indicators — half of them the reader's own, half another organisation's TLP:AMBER, which the reader may not read but
/// the searches must walk past — then measures over real HTTP text searches (words, ATT&amp;CK ids, labels) and the
/// dashboard figures, first one request at a time, then with C concurrent clients for S seconds: p50/p95/p99 per kind
/// and requests/s. Load average before and after: the machine is shared. <c>--keep NAME</c> seeds database NAME
/// (PostgreSQL) or data directory NAME (SQLite) once and keeps it, so a later run with the same name measures at once (when changing a query, not the ingest).
/// <c>--only</c> keeps the requests of one kind (search, list, dashboard) or whose path contains the text: to profile one.
/// </summary>
internal static class SearchLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--postgres");
        var objects = int.Parse(BenchArgs.Option(args, "--objects") ?? "1000000", CultureInfo.InvariantCulture);
        var clients = int.Parse(BenchArgs.Option(args, "--clients") ?? "16", CultureInfo.InvariantCulture);
        var seconds = int.Parse(BenchArgs.Option(args, "--seconds") ?? "30", CultureInfo.InvariantCulture);
        var attack = BenchArgs.Option(args, "--attack") ?? FindAttack();
        var keep = BenchArgs.Option(args, "--keep");
        var database = server is not null && keep is not null ? keep : "concord_bench_" + Guid.NewGuid().ToString("N");
        var dataDir = server is null && keep is not null ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        var seeded = keep is not null && (server is null ? Directory.Exists(dataDir) && Directory.EnumerateFiles(dataDir, "*.db").Any() : await ExistsAsync(server, keep));
        if (server is not null && !seeded)
        {
            await BenchArgs.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        }

        try
        {
            await using var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Concord:Urls"] = "http://127.0.0.1:0",
                ["Concord:Demo:Enabled"] = "false",
                ["Concord:Storage:Provider"] = server is null ? "Sqlite" : "Postgres",
                ["Concord:Storage:ConnectionString"] = server is null ? null : new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
                ["Concord:Storage:DataDirectory"] = dataDir,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL") is null ? "Warning" : "Information",
            }));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Console.WriteLine($"search-load on {(server is null ? "SQLite" : "PostgreSQL")}, {objects:N0} indicators + ATT&CK, {clients} clients; {Environment.ProcessorCount} cores, load average {Machine.LoadAverage()}");
            if (seeded)
            {
                Console.WriteLine($"  {(server is null ? "store in " + dataDir : "database " + database)} was seeded by an earlier run: measuring at once");
            }

            var (reader, key) = seeded ? await KeyAsync(app.Services, "bench") : await MemberAsync(app.Services, "Bench CERT", "bench");
            if (!seeded)
            {
                var (other, _) = await MemberAsync(app.Services, "Other CERT", "other");
                await SeedAsync(app.Services, reader, other, objects, attack);
            }

            if (server is not null && !seeded)
            {
                await BenchArgs.ExecuteAsync(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, "VACUUM ANALYZE");
            }

            await LoadRunner.RunAsync(address, key, clients, TimeSpan.FromSeconds(seconds), BenchArgs.Option(args, "--only"));
            Console.WriteLine($"load average after: {Machine.LoadAverage()}");
            await app.StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (server is not null && keep is null)
            {
                await BenchArgs.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }

            if (Directory.Exists(dataDir) && (server is not null || keep is null))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        return 0;
    }

    private static async Task SeedAsync(IServiceProvider services, Principal reader, Principal other, int objects, string? attack)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        async Task ImportAsync(string what, Principal owner, Stream input, ImportOptions options)
        {
            using var measure = Measure.Start();
            var report = (await store.ImportAsync(owner, input, options with { Policy = ImportPolicy.BestEffort }, null, CancellationToken.None)).Value!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {report.Stored:N0} {what}: {measure}"));
        }

        if (attack is not null && File.Exists(attack))
        {
            await using var file = File.OpenRead(attack);
            await ImportAsync("ATT&CK Enterprise objects", reader, file, new ImportOptions { Tlp = Tlp.Clear, Scope = Scope.Public });
        }
        else
        {
            Console.WriteLine("  ATT&CK Enterprise not found (--attack FILE); the id searches find nothing.");
        }

        // Different counts seed different generators, so the two organisations' indicators have different ids.
        await using (var own = IndicatorBundle.Open(objects / 2, CancellationToken.None))
        {
            await ImportAsync("indicators (the reader's, TLP:GREEN)", reader, own, new ImportOptions { Tlp = Tlp.Green });
        }

        await using (var hidden = IndicatorBundle.Open(objects - (objects / 2) + 1, CancellationToken.None))
        {
            await ImportAsync("indicators (another organisation's, TLP:AMBER, owner only)", other, hidden, new ImportOptions { Tlp = Tlp.Amber, Scope = Scope.Owner });
        }

        using var followers = Measure.Start();
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Scoring.ScoreFollower>().CatchUpAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>().CatchUpAsync(CancellationToken.None);
        Console.WriteLine($"  scores and alerts caught up: {followers}");
    }

    private static async Task<(Principal Principal, string Key)> MemberAsync(IServiceProvider services, string name, string user)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
        var org = (await admin.CreateOrganisationAsync(new NewOrganisation(name, "NL", OrganisationType.GovernmentAgency, "Government", Tlp.Green), CancellationToken.None)).Value!;
        _ = (await admin.CreateUserAsync(new NewUser(user, org.Id, Role.Analyst, Password: "quiet harbour lanterns 7431"), CancellationToken.None)).Value ?? throw new InvalidOperationException("the benchmark user was refused");
        var key = (await admin.CreateApiKeyAsync(new NewApiKey(user, "benchmark"), CancellationToken.None)).Value!;
        return (new Principal(PrincipalKind.Member, org.Id, new HashSet<Guid>(), Role.Analyst, user), key.Key);
    }

    private static async Task<(Principal Principal, string Key)> KeyAsync(IServiceProvider services, string user)
    {
        await using var scope = services.CreateAsyncScope();
        var key = (await scope.ServiceProvider.GetRequiredService<IAccessAdmin>().CreateApiKeyAsync(new NewApiKey(user, "benchmark"), CancellationToken.None)).Value!;
        return (Principal.Anonymous, key.Key);
    }

    private static async Task<bool> ExistsAsync(string server, string database)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        return await command.ExecuteScalarAsync() is not null;
    }


    private static string? FindAttack()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "attack", "enterprise-attack-18.1.reconstructed.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Environment.GetEnvironmentVariable("CONCORD_SHARED_DATA") is { } shared ? Path.Combine(shared, "attack", "enterprise-attack-18.1.reconstructed.json") : null;
    }
}
