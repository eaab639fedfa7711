using System.Diagnostics;
using System.Globalization;
using Concord.Benchmarks.Ingest;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Benchmarks.Export;

/// <summary>
/// Block-list exports of a large store: <c>--indicators N</c> generated indicators (IPv4, domain, URL, SHA-256 patterns)
/// are imported into PostgreSQL, then each list format is exported through <see cref="IIntelExports"/> (the same code as
/// the pull URL, the CLI and the browser) into a stream that only counts bytes. Prints time, entries and peak working
/// set: the budget is 1,000,000 indicators in ≤ 5 s with flat memory.
/// Usage: <c>block-list [--postgres CONNSTR] [--indicators N] [--formats ips,domains,urls,hashes,suricata] [--keep | --reuse DB]</c>.
/// </summary>
internal static class BlockListBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        if (server is null)
        {
            Console.WriteLine("No PostgreSQL (--postgres CONNSTR or CONCORD_TEST_POSTGRES); skipped.");
            return 0;
        }

        var count = int.Parse(BenchArgs.Option(args, "--indicators") ?? "1000000", CultureInfo.InvariantCulture);
        var formats = (BenchArgs.Option(args, "--formats") ?? "ips,domains,urls,hashes,suricata").Split(',');
        var reuse = BenchArgs.Option(args, "--reuse");
        await using var bench = await Correlation.BenchStore.CreateAsync(StorageProvider.Postgres, server, reuse);
        bench.Keep = reuse is not null || args.Contains("--keep");
        var principal = bench.Principal;
        var clock = Stopwatch.StartNew();
        if (reuse is null)
        {
            await ImportAsync(bench, count);
        }

        foreach (var name in formats)
        {
            if (!ExportFormats.TryParse(name, out var format))
            {
                Console.WriteLine($"Unknown format {name}; skipped.");
                continue;
            }

            GC.Collect();
            await using var scope = bench.Services.CreateAsyncScope();
            var exports = scope.ServiceProvider.GetRequiredService<IIntelExports>();
            using var sampler = new MemorySampler();
            await using var output = new CountingSink();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var summary = await exports.WriteAsync(principal, new ObjectQuery { Type = "indicator" }, format, output, CancellationToken.None);
            clock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-9} {summary.Objects,10:N0} objects -> {output.Length / 1048576.0,7:F1} MB in {clock.Elapsed.TotalSeconds,6:F2} s = {summary.Objects / clock.Elapsed.TotalSeconds,9:N0} objects/s ({cpu:F2} s CPU in this process); peak managed heap {sampler.PeakManagedMb,5:N0} MB, peak working set {sampler.PeakWorkingSetMb,5:N0} MB; load average {ServerCpu.LoadAverage()}"));
        }

        return 0;
    }

    private static async Task ImportAsync(Correlation.BenchStore bench, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = bench.Services.CreateAsyncScope();
        await using var input = File.OpenRead(await IndicatorBundle.FileAsync(count));
        var imported = await scope.ServiceProvider.GetRequiredService<IIntelStore>().ImportAsync(
            bench.Principal, input, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green }, null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Block-list export benchmark: {imported.Value!.Stored:N0} indicators imported into PostgreSQL in {clock.Elapsed.TotalSeconds:F1} s; load average {ServerCpu.LoadAverage()}"));
    }

    /// <summary>A write-only stream that keeps nothing: what the export costs without a disk or a network behind it.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
