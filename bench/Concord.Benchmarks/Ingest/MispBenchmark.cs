using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// MISP JSON import through the same <see cref="IIntelStore.ImportAsync"/> as the API and CLI (read, convert to STIX,
/// validate, store): attributes per second, the measure (MISP itself manages tens to hundreds).
/// Usage: <c>misp-import [--postgres CONNSTR] [--store postgres|sqlite] [--events N] [--attributes M] [--large M]</c>: N generated events of M
/// attributes each (default 200 × 1,000), then one event of <c>--large</c> attributes (default 100,000: a report whose
/// object_refs holds them all), then the real ESET events of ../shared/data/misp/events when present.
/// </summary>
internal static class MispBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        var events = int.Parse(BenchArgs.Option(args, "--events") ?? "200", CultureInfo.InvariantCulture);
        var attributes = int.Parse(BenchArgs.Option(args, "--attributes") ?? "1000", CultureInfo.InvariantCulture);
        var large = int.Parse(BenchArgs.Option(args, "--large") ?? "100000", CultureInfo.InvariantCulture);
        Console.WriteLine($"MISP import benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {ServerCpu.LoadAverage()}");

        var only = BenchArgs.Option(args, "--store");
        var eset = EsetEvents();
        foreach (var (provider, server) in new[] { (StorageProvider.Postgres, postgres), (StorageProvider.Sqlite, null) })
        {
            if (only is not null && !string.Equals(only, provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (provider == StorageProvider.Postgres && server is null)
            {
                Console.WriteLine("No PostgreSQL (--postgres CONNSTR or CONCORD_TEST_POSTGRES); PostgreSQL runs skipped.");
                continue;
            }

            await RunAsync($"{events:N0} events x {attributes:N0} attributes -> {provider}", provider, server, () => MispCorpus.Open(events, attributes, CancellationToken.None));
            await RunAsync($"1 event x {large:N0} attributes -> {provider}", provider, server, () => MispCorpus.Open(1, large, CancellationToken.None));
            if (eset is not null)
            {
                await RunAsync($"ESET's {eset.Value.Count} real events -> {provider}", provider, server, () => new MemoryStream(eset.Value.Body, writable: false));
            }
        }

        if (eset is null)
        {
            Console.WriteLine("The real events (../shared/data/misp/events or CONCORD_SHARED_DATA) were not found; skipped.");
        }

        return 0;
    }

    private static async Task RunAsync(string name, StorageProvider provider, string? server, Func<Stream> open)
    {
        await using var bench = await Correlation.BenchStore.CreateAsync(provider, server);
        await using var scope = bench.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();

        GC.Collect();
        var server0 = provider == StorageProvider.Postgres ? await ServerCpu.SampleAsync(server!, bench.Database) : default;
        using var sampler = new MemorySampler();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var clock = Stopwatch.StartNew();
        await using var input = open();
        var result = await store.ImportAsync(bench.Principal, input, new ImportOptions { Policy = ImportPolicy.BestEffort }, null, CancellationToken.None);
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var report = result.Value ?? throw new InvalidOperationException(result.Error!.Message);
        var misp = report.Misp ?? throw new InvalidOperationException("The import was not read as MISP JSON.");
        var serverCpu = provider == StorageProvider.Postgres ? (await ServerCpu.SampleAsync(server!, bench.Database)).Since(server0) : "";
        var seconds = clock.Elapsed.TotalSeconds;
        var gc = string.Create(CultureInfo.InvariantCulture, $"; GC {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s paused");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} {misp.Attributes,9:N0} attributes ({misp.Events:N0} events, {misp.Objects:N0} objects) -> {report.Stored:N0} STIX objects stored ({(double)report.Processed / misp.Attributes:F1} per attribute), {report.Rejected:N0} rejected, in {seconds,6:F2} s = {misp.Attributes / seconds,9:N0} attributes/s ({cpu:F2} s CPU in this process{serverCpu}{gc}); peak working set {sampler.PeakWorkingSetMb,5:N0} MB; load average {ServerCpu.LoadAverage()}"));
    }

    /// <summary>Every ESET event file, as one list of events (the form a MISP "download all" gives), built before timing.</summary>
    private static (byte[] Body, int Count)? EsetEvents()
    {
        var folder = SharedFolder("misp", "events", "eset");
        if (folder is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var count = 0;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                var events = document.RootElement.TryGetProperty("response", out var response) ? response.EnumerateArray().ToList() : [document.RootElement];
                foreach (var item in events)
                {
                    item.WriteTo(json);
                    count++;
                }
            }

            json.WriteEndArray();
        }

        return (buffer.ToArray(), count);
    }

    private static string? SharedFolder(params string[] parts)
    {
        if (Environment.GetEnvironmentVariable("CONCORD_SHARED_DATA") is { } shared && Directory.Exists(Path.Combine([shared, .. parts])))
        {
            return Path.Combine([shared, .. parts]);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
