using System.Diagnostics;
using System.Globalization;
using Concord.Observables;
using Concord.Observables.Ownership;

namespace Concord.Benchmarks.Ownership;

/// <summary>
/// "Whose is this?" over a constituency the size DESIGN.md budgets for (default 100,000 networks — IPv4 /16 to /32 and
/// IPv6 /32 to /64, nested so that delegations exist — and 100,000 domains, with AS numbers): build time, memory, and
/// the latency of single lookups (addresses, networks, domains, URL hosts; half claimed, half not), p50/p99/max.
/// Usage: <c>whose [--ranges N] [--domains N] [--lookups N]</c>. Budget: p99 ≤ 1 ms.
/// </summary>
internal static class WhoseBenchmark
{
    public static int Run(string[] args)
    {
        var ranges = Int(args, "--ranges", 100_000);
        var domains = Int(args, "--domains", 100_000);
        var lookups = Int(args, "--lookups", 1_000_000);
        var random = new Random(20261206);
        var owners = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid()).ToArray();
        var claims = new List<ConstituencyClaim>(ranges + domains + 1000);
        for (var i = 0; i < ranges; i++)
        {
            var text = (i % 5) switch
            {
                0 => $"{Octet(random)}.{random.Next(256)}.0.0/16",
                1 => $"{Octet(random)}.{random.Next(256)}.{random.Next(256)}.0/24",
                2 => $"{Octet(random)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256) & 0xF0}/28",
                3 => $"{Octet(random)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
                _ => $"2001:db8:{random.Next(65536):x}:{random.Next(65536):x}::/{(random.Next(2) == 0 ? 48 : 64)}",
            };
            claims.Add(new ConstituencyClaim(owners[random.Next(owners.Length)], Observable.Detect(text).Value));
        }

        var names = new string[domains];
        for (var i = 0; i < domains; i++)
        {
            names[i] = i % 4 == 0 && i > 0 ? $"dept{i}.{names[random.Next(i)]}" : $"org{i}.{Tld(random)}";
            claims.Add(new ConstituencyClaim(owners[random.Next(owners.Length)], Observable.Parse(ObservableKind.Domain, names[i]).Value));
        }

        for (var i = 0; i < 1000; i++)
        {
            claims.Add(new ConstituencyClaim(owners[random.Next(owners.Length)], Observable.Parse(ObservableKind.AutonomousSystem, (64000 + i).ToString(CultureInfo.InvariantCulture)).Value));
        }

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = ConstituencyIndex.Build(claims);
        clock.Stop();
        var memory = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whose is this? {index.Count:N0} claims ({ranges:N0} networks, {domains:N0} domains, 1,000 AS numbers) built in {clock.Elapsed.TotalMilliseconds:F0} ms, {memory:F0} MB; load average {Ingest.ServerCpu.LoadAverage()}"));

        var queries = new Observable[4096];
        for (var i = 0; i < queries.Length; i++)
        {
            var text = (i % 6) switch
            {
                0 => $"{Octet(random)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
                1 => $"{Octet(random)}.{random.Next(256)}.{random.Next(256)}.0/24",
                2 => $"2001:db8:{random.Next(65536):x}:{random.Next(65536):x}::{random.Next(65536):x}",
                3 => $"www.{names[random.Next(names.Length)]}",
                4 => $"https://{names[random.Next(names.Length)]}/login?x=1",
                _ => $"host{random.Next(100_000)}.unclaimed{random.Next(50)}.example",
            };
            queries[i] = Observable.Detect(text).Value;
        }

        foreach (var query in queries)
        {
            index.Find(query); // warm up
        }

        var timings = new long[lookups];
        long found = 0;
        for (var i = 0; i < lookups; i++)
        {
            var start = Stopwatch.GetTimestamp();
            found += index.Find(queries[i & (queries.Length - 1)]).Count;
            timings[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(timings);
        double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{lookups:N0} lookups ({found:N0} matches): p50 {Micros(timings[lookups / 2]):F1} µs, p99 {Micros(timings[(int)(lookups * 0.99)]):F1} µs, max {Micros(timings[^1]):F0} µs (budget p99 ≤ 1,000 µs); load average {Ingest.ServerCpu.LoadAverage()}"));
        return 0;
    }

    private static int Octet(Random random) => 1 + random.Next(223);

    private static string Tld(Random random) => random.Next(6) switch { 0 => "eu", 1 => "de", 2 => "fr", 3 => "org", 4 => "gov.example", _ => "com" };

    private static int Int(string[] args, string name, int fallback) =>
        Ingest.BenchArgs.Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
