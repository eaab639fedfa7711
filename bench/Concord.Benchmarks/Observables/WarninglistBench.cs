using System.Diagnostics;
using System.Globalization;
using Concord.Observables;
using Concord.Intel.Observables.Warninglists;

namespace Concord.Benchmarks.Observables;

/// <summary>
/// The <c>observables</c> mode: loads every MISP warninglist, then reports load time, the memory the loaded
/// snapshot keeps, and single-thread lookups per second for IP addresses, domains and hashes, using real
/// indicators from shared/data (IPsum addresses, Infoblox domains) plus list entries so both hits and misses
/// are measured.
/// </summary>
internal static class WarninglistBench
{
    private const int Lookups = 2_000_000;

    public static int Run(string? folder)
    {
        folder ??= Path.GetDirectoryName(Corpus.Require("misp/warninglists/schema.json"))! + "/lists";
        Console.WriteLine($"lists: {folder}");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var (snapshot, problems) = WarninglistLoader.Load(folder);
        Console.WriteLine($"load (cold): {stopwatch.ElapsedMilliseconds} ms, {snapshot.Lists.Count} lists, {snapshot.Lists.Sum(l => l.EntryCount):N0} entries, {problems.Count} problems");
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"memory kept by the snapshot: {retained / (1024.0 * 1024):F1} MB (process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB)");
        for (var run = 1; run <= 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            stopwatch.Restart();
            GC.KeepAlive(WarninglistLoader.Load(folder));
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"load (warm, run {run}): {stopwatch.ElapsedMilliseconds} ms wall, {cpuMs:F0} ms CPU (all threads)");
        }

        var probes = new Probes(snapshot);
        Measure(snapshot, "IPv4/IPv6 addresses", probes.Ips());
        Measure(snapshot, "domains", probes.Domains());
        Measure(snapshot, "hashes (string lists)", probes.Hashes());
        Measure(snapshot, "URLs", probes.Urls());
        GC.KeepAlive(snapshot);
        return 0;
    }

    private static void Measure(WarninglistSnapshot snapshot, string label, Observable[] probes)
    {
        var hits = probes.Count(p => snapshot.Match(p).Count > 0);
        for (var i = 0; i < 100_000; i++)
        {
            snapshot.Match(probes[i % probes.Length]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Lookups; i++)
        {
            snapshot.Match(probes[i % probes.Length]);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Lookups;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Lookups / seconds / 1e6:F2} M lookups/s wall, {Lookups / cpuSeconds / 1e6:F2} M per CPU-second ({cpuSeconds * 1e9 / Lookups:F0} ns CPU each, {bytes:F0} B allocated each); {probes.Length:N0} probes, {100.0 * hits / probes.Length:F1}% on some list"));
    }
}
