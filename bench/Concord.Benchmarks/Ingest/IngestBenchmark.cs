using System.Diagnostics;
using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Stix;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// End-to-end ingest (stream, parse, validate, distribution rules, bulk write, indexes, commit) through the same
/// <see cref="IIntelStore.ImportAsync"/> the API and CLI use. Reports objects/s and the peak memory of each run.
/// Usage: <c>ingest [--postgres CONNSTR] [--attack FILE] [--indicators N] [--only attack|indicators] [--again] [--warm N]</c>;
/// <c>--again</c> imports each indicator bundle a second time into the same store (every object a duplicate);
/// <c>--warm N</c> repeats the warm ATT&amp;CK run into SQLite N times, each into a fresh store, and prints the median.
/// Besides wall time it prints this process's CPU time, the CPU time of the PostgreSQL backends that served the
/// run (and of the server's WAL writer, checkpointer and background writer, which other databases share) and the
/// load average, because the figures mean little on a shared machine without them.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        var attack = BenchArgs.Option(args, "--attack") ?? FindAttack();
        var indicators = int.Parse(BenchArgs.Option(args, "--indicators") ?? "1000000", CultureInfo.InvariantCulture);
        var only = BenchArgs.Option(args, "--only");
        var imports = args.Contains("--again") ? 2 : 1;
        var warm = int.Parse(BenchArgs.Option(args, "--warm") ?? "1", CultureInfo.InvariantCulture);
        Console.WriteLine($"Ingest benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {ServerCpu.LoadAverage()}");

        if (only == "indicators")
        {
            Console.WriteLine("ATT&CK runs skipped (--only indicators).");
        }
        else if (attack is not null && File.Exists(attack))
        {
            await RunAsync("ATT&CK Enterprise -> SQLite (cold)", StorageProvider.Sqlite, null, () => Open(attack));
            var seconds = new List<double>();
            for (var run = 0; run < warm; run++)
            {
                seconds.Add(await RunAsync("ATT&CK Enterprise -> SQLite (warm)", StorageProvider.Sqlite, null, () => Open(attack)));
            }

            if (warm > 1)
            {
                seconds.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ATT&CK Enterprise -> SQLite (warm), median of {warm}: {seconds[warm / 2]:F2} s; load average {ServerCpu.LoadAverage()}"));
            }

            if (postgres is not null)
            {
                await RunAsync("ATT&CK Enterprise -> PostgreSQL", StorageProvider.Postgres, postgres, () => Open(attack));
            }
        }
        else
        {
            Console.WriteLine("ATT&CK Enterprise not found (--attack FILE, or CONCORD_SHARED_DATA); skipped.");
        }

        if (only == "attack")
        {
            return 0;
        }

        if (postgres is null)
        {
            Console.WriteLine("No PostgreSQL (--postgres CONNSTR or CONCORD_TEST_POSTGRES); PostgreSQL runs skipped.");
            return 0;
        }

        var small = Math.Max(1, indicators / 10);
        // Generated once into files, so the import's CPU is the import's alone.
        var smallFile = await IndicatorBundle.FileAsync(small);
        var file = await IndicatorBundle.FileAsync(indicators);
        await RunAsync($"{small:N0} indicators -> PostgreSQL", StorageProvider.Postgres, postgres, () => Open(smallFile), imports);
        await RunAsync($"{indicators:N0} indicators -> PostgreSQL", StorageProvider.Postgres, postgres, () => Open(file), imports);
        return 0;
    }

    /// <summary>Imports <paramref name="imports"/> times into a fresh store; returns the last import's wall time in seconds.</summary>
    private static async Task<double> RunAsync(string name, StorageProvider provider, string? server, Func<Stream> open, int imports = 1)
    {
        var seconds = 0.0;
        var dataDir = Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        var database = "concord_bench_" + Guid.NewGuid().ToString("N");
        string? connectionString = null;
        if (provider == StorageProvider.Postgres)
        {
            await BenchArgs.ExecuteAsync(server!, $"CREATE DATABASE \"{database}\"");
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        try
        {
            await using var services = Services(provider, connectionString, dataDir);
            await services.MigrateAccessAsync(CancellationToken.None);
            await services.MigrateIntelAsync(CancellationToken.None);
            var directory = (BenchDirectory)services.GetRequiredService<IAccessDirectory>();
            var principal = new Principal(PrincipalKind.Member, directory.OrganisationId, new HashSet<Guid>(), Role.Analyst, "bench");
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();

            for (var run = 1; run <= imports; run++)
            {
                GC.Collect();
                var server0 = provider == StorageProvider.Postgres ? await ServerCpu.SampleAsync(server!, database) : default;
                using var sampler = new MemorySampler();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (gen0, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                var clock = Stopwatch.StartNew();
                await using var input = open();
                var result = await store.ImportAsync(principal, input, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green }, null, CancellationToken.None);
                clock.Stop();
                seconds = clock.Elapsed.TotalSeconds;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var report = result.Value ?? throw new InvalidOperationException(result.Error!.Message);
                var gc = string.Create(CultureInfo.InvariantCulture, $"; GC {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s paused");
                var serverCpu = provider == StorageProvider.Postgres ? (await ServerCpu.SampleAsync(server!, database)).Since(server0) : "";

                // The import wrote its one audit entry inside the time above; another like it, timed alone, says what that cost.
                var auditClock = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
                    new AuditEvent("objects.import", null, null, directory.OrganisationId, "bench: the cost of one entry"), AuditActor.Node(AuditChannel.System), CancellationToken.None);
                auditClock.Stop();
                var audit = string.Create(CultureInfo.InvariantCulture, $"; its audit entry {auditClock.Elapsed.TotalMilliseconds:F1} ms = {100 * auditClock.Elapsed.TotalSeconds / seconds:F3} %");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(run == 1 ? name : "  again, into the same store"),-40} {report.Processed,10:N0} objects ({report.Stored:N0} stored, {report.Rejected:N0} rejected) in {clock.Elapsed.TotalSeconds,6:F2} s = {report.Processed / clock.Elapsed.TotalSeconds,9:N0} objects/s ({cpu:F2} s CPU in this process = {1e6 * cpu / report.Processed:F1} µs per object{serverCpu}{gc}); peak managed heap {sampler.PeakManagedMb,5:N0} MB, peak working set {sampler.PeakWorkingSetMb,5:N0} MB{audit}; load average {ServerCpu.LoadAverage()}"));
            }

            if (provider == StorageProvider.Postgres && imports == 1)
            {
                await FloorAsync(server!, connectionString!, seconds);
            }
            else if (provider == StorageProvider.Sqlite && imports == 1)
            {
                await SqliteFloorAsync(dataDir, seconds);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }

            if (provider == StorageProvider.Postgres)
            {
                await BenchArgs.ExecuteAsync(server!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }

        return seconds;
    }

    /// <summary>Prints the run's floor (<see cref="CopyFloor"/>): its rows copied into a fresh, identically migrated database.</summary>
    private static async Task FloorAsync(string server, string connectionString, double seconds)
    {
        await using var floor = await CopyFloor.SaveAsync(connectionString);
        var database = "concord_floor_" + Guid.NewGuid().ToString("N");
        await BenchArgs.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var floorConnection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            var dataDir = Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
            await using (var services = Services(StorageProvider.Postgres, floorConnection, dataDir))
            {
                await services.MigrateAccessAsync(CancellationToken.None);
                await services.MigrateIntelAsync(CancellationToken.None);
            }

            var (floorSeconds, serverCpu) = await floor.MeasureAsync(server, database, floorConnection);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"  floor: binary COPY of the same rows",-40} {floor.Rows,10:N0} rows in {floorSeconds,6:F2} s ({serverCpu.TrimStart(',', ' ')}); ingest / floor = {seconds / floorSeconds:F2}×; rows: {floor.Describe()}"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchArgs.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <summary>Prints the run's SQLite floor (<see cref="SqliteFloor"/>) against a fresh, identically migrated store.</summary>
    private static async Task SqliteFloorAsync(string dataDir, double seconds)
    {
        var fresh = Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var services = Services(StorageProvider.Sqlite, null, fresh))
            {
                await services.MigrateAccessAsync(CancellationToken.None);
                await services.MigrateIntelAsync(CancellationToken.None);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var floor = SqliteFloor.Measure(Path.Combine(dataDir, "concord.db"), Path.Combine(fresh, "concord.db"));
            Console.WriteLine(SqliteFloor.Describe(floor, seconds));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    internal static ServiceProvider Services(StorageProvider provider, string? connectionString, string dataDir)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Concord:Storage:Provider"] = provider.ToString(),
            ["Concord:Storage:ConnectionString"] = connectionString,
            ["Concord:Storage:DataDirectory"] = dataDir,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddIntel(configuration);

        // Access for its audit trail (every import writes an entry, and the bench shows what that costs); the bench's
        // own directory stands in for the organisations.
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAccess(configuration);
        services.AddSingleton<IAccessDirectory, BenchDirectory>();
        return services.BuildServiceProvider();
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static string? FindAttack()
    {
        const string file = "enterprise-attack-18.1.reconstructed.json";
        var shared = Environment.GetEnvironmentVariable("CONCORD_SHARED_DATA");
        if (shared is not null && File.Exists(Path.Combine(shared, "attack", file)))
        {
            return Path.Combine(shared, "attack", file);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "attack", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
