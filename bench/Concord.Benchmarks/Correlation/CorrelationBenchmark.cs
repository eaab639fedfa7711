using Concord.Benchmarks.Ingest;
using System.Diagnostics;
using System.Globalization;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Benchmarks.Correlation;

/// <summary>
/// Issue 5's correlation budgets, measured: ingest with the observable index vs without (the same corpus into two
/// fresh stores), the index's size vs the raw values' bytes, one-value lookup latency (p50/p99 over hits and
/// misses, through <see cref="ICorrelation"/> with visibility), and a 10,000-value bulk lookup.
/// Usage: <c>correlation (--postgres CONNSTR | --sqlite) [--observables N] [--per-object K] [--lookups N] [--keep]</c>;
/// <c>--breakdown</c> with <c>--reuse</c> also prints where a lookup's CPU goes.
/// <c>--reuse DB</c> (a database name, or a SQLite data folder, printed by <c>--keep</c>) reruns only the lookups.
/// </summary>
internal static class CorrelationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = BenchArgs.Option(args, "--postgres");
        var provider = postgres is null ? StorageProvider.Sqlite : StorageProvider.Postgres;
        var observables = long.Parse(BenchArgs.Option(args, "--observables") ?? "1000000", CultureInfo.InvariantCulture);
        var perObject = int.Parse(BenchArgs.Option(args, "--per-object") ?? "4", CultureInfo.InvariantCulture);
        var lookups = int.Parse(BenchArgs.Option(args, "--lookups") ?? "10000", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Correlation benchmark: {provider}, {observables:N0} observables ({perObject} per indicator), {Environment.ProcessorCount} cores, load {Machine.LoadAverage()}"));

        var reuse = BenchArgs.Option(args, "--reuse");
        if (reuse is not null)
        {
            await using var existing = await BenchStore.CreateAsync(provider, postgres, reuse);
            existing.Keep = true;
            await LookupsAsync(existing, new ObservableCorpus(observables, perObject), lookups);
            if (args.Contains("--breakdown"))
            {
                await BreakdownAsync(existing, new ObservableCorpus(observables, perObject));
            }

            return 0;
        }

        long withoutBytes;
        await using (var without = await BenchStore.CreateAsync(provider, postgres))
        {
            var corpus = new ObservableCorpus(observables, perObject);
            await IngestAsync(without, corpus, index: false, "ingest without correlation");
            await using var scope = without.Services.CreateAsyncScope();
            withoutBytes = provider == StorageProvider.Sqlite ? await without.BytesAsync(scope.ServiceProvider.GetRequiredService<IntelDbContext>()) : 0;
        }

        await using var with = await BenchStore.CreateAsync(provider, postgres);
        with.Keep = args.Contains("--keep");
        var indexed = new ObservableCorpus(observables, perObject);
        await IngestAsync(with, indexed, index: true, "ingest with correlation");
        await SizesAsync(with, indexed, withoutBytes);
        await LookupsAsync(with, indexed, lookups);
        Console.WriteLine($"load at end {Machine.LoadAverage()}");
        return 0;
    }

    private static async Task IngestAsync(BenchStore store, ObservableCorpus corpus, bool index, string name)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var sinks = scope.ServiceProvider.GetRequiredService<IngestSinks>();
        var plan = await DistributionPlan.ResolveAsync(store.Principal, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green }, store.Directory, CancellationToken.None);
        await using var sink = sinks.Create();
        var run = new IngestRun(ImportPolicy.BestEffort, plan.Value!, 100) { IndexObservables = index };
        using var measure = Measure.Start();
        await using var input = corpus.Open(CancellationToken.None);
        var report = await IngestPipeline.RunAsync(input, sink, run, null, null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {report.Stored:N0} objects ({report.Rejected:N0} rejected), {measure}, {report.Stored / measure.Wall.TotalSeconds:N0} objects/s"));
    }

    private static async Task SizesAsync(BenchStore store, ObservableCorpus corpus, long withoutBytes)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var rows = await db.Observables.LongCountAsync();
        var bytes = await store.BytesAsync(db) - withoutBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index: {rows:N0} entries, {bytes / 1048576.0:N1} MB ({(double)bytes / rows:N1} B/entry); raw values {corpus.RawBytes / 1048576.0:N1} MB over {corpus.Pairs:N0} (object, value) pairs ({(double)corpus.RawBytes / corpus.Pairs:N1} B/value); index/raw = {(double)bytes / corpus.RawBytes:N2}x"));
    }

    private static async Task LookupsAsync(BenchStore store, ObservableCorpus corpus, int count)
    {
        var random = new Random(42);
        string Pick(int i) => i % 2 == 0 ? corpus.ValueAt(random.Next(corpus.Objects), random.Next(corpus.PerObject)).Value : ObservableCorpus.Miss(random).Value;

        // Warm up: EF's query cache, the connection pool, the database's caches.
        for (var i = 0; i < 200; i++)
        {
            await LookupAsync(store, [Pick(i)]);
        }

        var times = new double[count];
        var found = 0;
        var clock = new Stopwatch();
        var picks = Enumerable.Range(0, count).Select(Pick).ToList();
        double cpuPerLookup;
        using (var measure = Measure.Start())
        {
            for (var i = 0; i < count; i++)
            {
                var value = picks[i];
                clock.Restart();
                var result = await LookupAsync(store, [value]);
                times[i] = clock.Elapsed.TotalMilliseconds;
                found += result.Values[0].Reporters.Count > 0 || result.Values[0].Common ? 1 : 0;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"one-value lookups: {count:N0} ({found:N0} with matches), p50 {times[count / 2]:F3} ms, p90 {times[count * 9 / 10]:F3} ms, p99 {times[count * 99 / 100]:F3} ms, max {times[^1]:F3} ms; {measure}"));
            cpuPerLookup = measure.CpuSeconds / count * 1000;
        }

        await CorrelationFloor.RunAsync(store, picks, times, cpuPerLookup);

        for (var round = 1; round <= 3; round++)
        {
            var values = Enumerable.Range(0, 10_000).Select(Pick).ToList();
            using var measure = Measure.Start();
            var result = await LookupAsync(store, values);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bulk lookup #{round}: 10,000 values ({result.Values.Count(v => v.Reporters.Count > 0 || v.Common):N0} with matches) {measure}"));
        }
    }

    /// <summary>
    /// Where a one-value lookup's CPU goes (<c>--breakdown</c>, with <c>--reuse</c>): this process's CPU per call of
    /// each part on its own — the request scope, the warninglist match, the organisations —
    /// beside whole lookups of misses (one index probe) and of hits (every query).
    /// </summary>
    private static async Task BreakdownAsync(BenchStore store, ObservableCorpus corpus)
    {
        const int n = 2000;
        var random = new Random(7);
        var hits = Enumerable.Range(0, n).Select(_ => corpus.ValueAt(random.Next(corpus.Objects), random.Next(corpus.PerObject)).Value).ToList();
        var misses = Enumerable.Range(0, n).Select(_ => ObservableCorpus.Miss(random).Value).ToList();
        async Task PartAsync(string name, Func<int, Task> part)
        {
            for (var i = 0; i < 100; i++)
            {
                await part(i);
            }

            using var measure = Measure.Start();
            for (var i = 0; i < n; i++)
            {
                await part(i);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-44} {measure.CpuSeconds / n * 1000:F3} ms CPU per call"));
        }

        Console.WriteLine($"CPU breakdown of a one-value lookup (load {Machine.LoadAverage()}):");
        await PartAsync("whole lookup, misses", i => LookupAsync(store, [misses[i]]));
        await PartAsync("whole lookup, hits", i => LookupAsync(store, [hits[i]]));
        await PartAsync("scope + resolving the service", async i =>
        {
            await using var scope = store.Services.CreateAsyncScope();
            _ = scope.ServiceProvider.GetRequiredService<ICorrelation>();
        });
        await PartAsync("warninglist match", i =>
        {
            var parsed = Concord.Observables.Observable.Detect(hits[i]);
            _ = store.Services.GetRequiredService<Concord.Intel.Features.Correlation.WarninglistService>().Current.Match(parsed.Value);
            return Task.CompletedTask;
        });
        await PartAsync("organisations (EF), own scope", async i =>
        {
            await using var scope = store.Services.CreateAsyncScope();
            _ = await scope.ServiceProvider.GetRequiredService<Concord.Access.IAccessDirectory>().ListOrganisationsAsync(CancellationToken.None);
        });
    }

    private static async Task<CorrelationResult> LookupAsync(BenchStore store, IReadOnlyList<string> values)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var correlation = scope.ServiceProvider.GetRequiredService<ICorrelation>();
        var result = await correlation.LookupAsync(store.Principal, values, CorrelationRequest.Default, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error!.Message);
    }
}
