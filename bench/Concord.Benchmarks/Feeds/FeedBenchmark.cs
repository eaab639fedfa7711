using System.Diagnostics;
using System.Globalization;
using Concord.Access;
using Concord.Benchmarks.Ingest;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Concord.Platform.Outbound;

namespace Concord.Benchmarks.Feeds;

/// <summary>
/// A MISP feed consumed whole, then pulled again with nothing changed, through <see cref="IIntelFeeds"/> (the code the
/// scheduler, the API and the feeds page run). The feed is read from a folder on the node (a node admin's source), so
/// the figure is the import's, not a network's. Default: the Infoblox feed of ../shared/data/misp/feeds/infoblox.
/// Usage: <c>feed [--postgres CONNSTR] [--folder DIR] [--store postgres|sqlite]</c>.
/// </summary>
internal static class FeedBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = BenchArgs.Option(args, "--folder") ?? Shared("misp", "feeds", "infoblox");
        if (folder is null || !File.Exists(Path.Combine(folder, "manifest.json")))
        {
            Console.WriteLine("No MISP feed folder (--folder DIR, or ../shared/data/misp/feeds/infoblox); skipped.");
            return 0;
        }

        var server = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        var only = BenchArgs.Option(args, "--store");
        Console.WriteLine($"Feed benchmark: {Directory.GetFiles(folder, "*.json").Length - 1} events in {folder}; {Environment.ProcessorCount} cores, load average {ServerCpu.LoadAverage()}");
        foreach (var provider in new[] { StorageProvider.Postgres, StorageProvider.Sqlite })
        {
            if ((only is not null && !string.Equals(only, provider.ToString(), StringComparison.OrdinalIgnoreCase)) || (provider == StorageProvider.Postgres && server is null))
            {
                continue;
            }

            await RunAsync(provider, server, folder);
        }

        return 0;
    }

    private static async Task RunAsync(StorageProvider provider, string? server, string folder)
    {
        // Feeds fetch through the outbound client (its guard and timeouts), which the import benchmarks never call.
        await using var bench = await Correlation.BenchStore.CreateAsync(provider, server, configure: (services, configuration) => services.AddOutboundHttp(configuration));
        var admin = bench.Principal with { Role = Role.NodeAdmin };
        await using var scope = bench.Services.CreateAsyncScope();
        var feeds = scope.ServiceProvider.GetRequiredService<IIntelFeeds>();
        var created = await feeds.CreateAsync(admin, new FeedSettings("infoblox", FeedKind.Misp, folder, Tlp.Clear, Scope.Alliance, 1440, Enabled: false), CancellationToken.None);
        var id = created.Value?.Id ?? throw new InvalidOperationException(created.Error!.Message);
        foreach (var label in new[] { "whole feed", "no change" })
        {
            var clock = Stopwatch.StartNew();
            var ran = await feeds.RunAsync(admin, id, CancellationToken.None);
            clock.Stop();
            var run = ran.Value?.LastRun ?? throw new InvalidOperationException(ran.Error?.Message ?? "no run");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {provider,-8} {label,-10} {clock.Elapsed.TotalSeconds,6:F2} s: {run.Requests} reads, {run.EventsFetched} events fetched, {run.EventsSkipped} unchanged, {run.Stored:N0} objects stored, {run.Duplicates:N0} already there, {run.Rejected:N0} rejected{(run.Error is null ? "" : "; " + run.Error)}; load average {ServerCpu.LoadAverage()}"));
        }
    }

    internal static string? Shared(params string[] parts)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Environment.GetEnvironmentVariable("CONCORD_SHARED_DATA") is { } shared ? Path.Combine([shared, .. parts]) : null;
    }
}
