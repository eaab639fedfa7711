using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Concord.Benchmarks.Search;

/// <summary>The requests of <see cref="SearchLoadBenchmark"/>: each kind alone, then a mix from concurrent clients.</summary>
internal static class LoadRunner
{
    /// <summary>Searches: common and rare words, ATT&amp;CK ids and words, labels (half the store carries each); the plain newest-first list.</summary>
    private static readonly (string Kind, string Path)[] Requests =
    [
        ("search", "/api/v1/objects?q=indicator&limit=50"),
        ("search", "/api/v1/objects?q=generated+123457&limit=50"),
        ("search", "/api/v1/objects?q=phishing&limit=50"),
        ("search", "/api/v1/objects?q=T1566&limit=50"),
        ("search", "/api/v1/objects?q=T1059.001&limit=50"),
        ("search", "/api/v1/objects?q=credential+dumping&limit=50"),
        ("search", "/api/v1/objects?q=spearphishing&sort=newest&limit=50"),
        ("search", "/api/v1/objects?q=nosuchword&limit=50"),
        ("search", "/api/v1/objects?label=botnet&limit=50"),
        ("search", "/api/v1/objects?label=phishing&q=generated&limit=50"),
        ("search", "/api/v1/objects?label=nosuchlabel&limit=50"),
        ("list", "/api/v1/objects?limit=50"),
        ("list", "/api/v1/objects?type=indicator&limit=50"),
        ("dashboard", "/api/v1/stats/overview?days=30"),
        ("dashboard", "/api/v1/stats/overview?days=365"),
    ];

    public static async Task RunAsync(Uri address, string key, int clients, TimeSpan duration, string? only = null)
    {
        var requests = Requests.Where(r => only is null || r.Kind == only || r.Path.Contains(only, StringComparison.Ordinal)).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (_, path) in requests)
        {
            await TimeAsync(http, path); // warm-up: JIT, pools, query plans
        }

        Console.WriteLine("one request at a time (each request 10 times; CPU: this process, server and client, per request):");
        var alone = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        foreach (var (kind, path) in requests)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var each = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var ms = await TimeAsync(http, path);
                each.Add(ms);
                alone.GetOrAdd(kind, _ => []).Add(ms);
            }

            each.Sort();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / each.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {path,-58} median {each[4]:F1} ms, max {each[^1]:F1} ms, CPU {cpuMs:F1} ms"));
        }

        Report("alone", alone, null);
        var mixed = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (clock.Elapsed < duration)
            {
                var (kind, path) = requests[random.Next(requests.Length)];
                mixed.GetOrAdd(kind, _ => []).Add(await TimeAsync(http, path));
            }
        })));
        Report($"{clients} concurrent clients, {duration.TotalSeconds:F0} s", mixed, clock.Elapsed);
    }

    private static async Task<double> TimeAsync(HttpClient http, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Report(string phase, ConcurrentDictionary<string, ConcurrentBag<double>> times, TimeSpan? elapsed)
    {
        foreach (var (kind, bag) in times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToList();
            double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
            var rate = elapsed is { } e ? string.Create(CultureInfo.InvariantCulture, $", {sorted.Count / e.TotalSeconds:F1} requests/s") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase}: {kind,-9} {sorted.Count,6} requests, p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {sorted[^1]:F1} ms{rate}"));
        }

        if (elapsed is { } total)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}: all {times.Values.Sum(b => b.Count) / total.TotalSeconds:F1} requests/s"));
        }
    }
}
