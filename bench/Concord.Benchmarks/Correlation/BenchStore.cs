using System.Diagnostics;
using System.Globalization;
using Concord.Access;
using Concord.Benchmarks.Ingest;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Correlation;

/// <summary>A fresh, migrated Intel store (a new PostgreSQL database or SQLite file), dropped on dispose.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string _database;
    private readonly string _dataDir;

    private BenchStore(ServiceProvider services, StorageProvider provider, string? server, string database, string dataDir)
    {
        (Services, Provider, _server, _database, _dataDir) = (services, provider, server, database, dataDir);
        Directory = (BenchDirectory)services.GetRequiredService<IAccessDirectory>();
        Principal = new Principal(PrincipalKind.Member, Directory.OrganisationId, new HashSet<Guid>(), Role.Analyst, "bench");
    }

    public ServiceProvider Services { get; }

    public StorageProvider Provider { get; }

    /// <summary>The PostgreSQL database's name (the server CPU sampler names it).</summary>
    public string Database => _database;

    public BenchDirectory Directory { get; }

    public Principal Principal { get; }

    /// <summary>Keep the store on dispose (and print where it is), to rerun lookups against it with <c>--reuse</c>.</summary>
    public bool Keep { get; set; }

    /// <param name="reuse">An existing store to open instead of a new one: a PostgreSQL database name, or a SQLite data folder.</param>
    /// <param name="configure">More services a benchmark needs (the outbound client for feeds).</param>
    public static async Task<BenchStore> CreateAsync(StorageProvider provider, string? server, string? reuse = null, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var dataDir = provider == StorageProvider.Sqlite && reuse is not null ? reuse : Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        var database = provider == StorageProvider.Postgres && reuse is not null ? reuse : "concord_bench_" + Guid.NewGuid().ToString("N");
        string? connectionString = null;
        if (provider == StorageProvider.Postgres && reuse is not null)
        {
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }
        else if (provider == StorageProvider.Postgres)
        {
            await BenchArgs.ExecuteAsync(server!, $"CREATE DATABASE \"{database}\"");
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

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
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAccess(configuration);
        services.AddSingleton<IAccessDirectory, BenchDirectory>();
        configure?.Invoke(services, configuration);
        var provider1 = services.BuildServiceProvider();
        await provider1.MigrateAccessAsync(CancellationToken.None);
        await provider1.MigrateIntelAsync(CancellationToken.None);
        return new BenchStore(provider1, provider, server, database, dataDir);
    }

    /// <summary>
    /// PostgreSQL: the index's bytes on disk — its table, primary key and TOAST (<c>pg_total_relation_size</c>, after
    /// VACUUM so the visibility map is built as it would be in service). SQLite (whose bundled build has no dbstat):
    /// the used pages of the whole database, to subtract from a store holding the same objects without the index.
    /// </summary>
    public async Task<long> BytesAsync(IntelDbContext db)
    {
        if (Provider == StorageProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE intel_observables");
            return await db.Database.SqlQueryRaw<long>("SELECT pg_total_relation_size('intel_observables') AS \"Value\"").SingleAsync();
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync();
        var free = await db.Database.SqlQueryRaw<long>("SELECT freelist_count AS \"Value\" FROM pragma_freelist_count()").SingleAsync();
        var size = await db.Database.SqlQueryRaw<long>("SELECT page_size AS \"Value\" FROM pragma_page_size()").SingleAsync();
        return (pages - free) * size;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            Console.WriteLine($"kept: {(Provider == StorageProvider.Postgres ? _database : _dataDir)} (rerun lookups with --reuse)");
            return;
        }

        if (System.IO.Directory.Exists(_dataDir))
        {
            System.IO.Directory.Delete(_dataDir, recursive: true);
        }

        if (Provider == StorageProvider.Postgres)
        {
            await BenchArgs.ExecuteAsync(_server!, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        }
    }
}

/// <summary>Wall time, this process's CPU time and the whole machine's busy CPU time (all processes, PostgreSQL included) of one step.</summary>
internal sealed class Measure : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double _machine = Machine.BusySeconds();
    private TimeSpan? _wall;
    private double _cpuSeconds;
    private double _machineSeconds;

    public TimeSpan Wall => _wall ?? _clock.Elapsed;

    public static Measure Start() => new();

    /// <summary>This process's CPU seconds since the start (stops the measure).</summary>
    public double CpuSeconds
    {
        get
        {
            Stop();
            return _cpuSeconds;
        }
    }

    public void Dispose() => Stop();

    public override string ToString()
    {
        Stop();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Wall.TotalSeconds:F2} s wall, {_cpuSeconds:F2} s CPU in this process, {_machineSeconds:F2} s CPU machine-wide");
    }

    private void Stop()
    {
        if (_wall is not null)
        {
            return;
        }

        _wall = _clock.Elapsed;
        _cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;
        _machineSeconds = Machine.BusySeconds() - _machine;
    }
}

/// <summary>What else the machine is doing (the benchmark shares two cores with other work).</summary>
internal static class Machine
{
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Busy (non-idle, non-iowait) CPU seconds of all cores since boot, from /proc/stat.</summary>
    public static double BusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return busy / 100.0;
    }
}
