using System.Diagnostics;
using System.Globalization;
using Concord.Stix;
using Concord.Stix.Validation;

namespace Concord.Benchmarks;

/// <summary>
/// The plain throughput mode: stream a bundle from disk, parse and validate every object on one thread, and print
/// MB/s, objects/s, allocation and peak memory; then do the same over a generated bundle (~500 MB unless --large-mb says otherwise) to show that memory
/// does not grow with the input.
/// </summary>
internal static class Throughput
{
    public static int Run(string? path, bool skipLarge, int largeMegabytes)
    {
        path ??= Corpus.Require(Corpus.EnterpriseRelative);
        Console.WriteLine($"input: {path} ({Mb(new FileInfo(path).Length)} MB)");
        Measure(path, "warm-up", print: false);
        for (var run = 1; run <= 3; run++)
        {
            Measure(path, $"run {run}", print: true);
        }

        if (skipLarge)
        {
            return 0;
        }

        var large = Path.Combine(Path.GetTempPath(), $"concord-large-{Environment.ProcessId}.json");
        try
        {
            var written = WriteLarge(path, large, largeMegabytes * 1024L * 1024);
            Console.WriteLine($"generated {large} ({Mb(written)} MB); measuring it in a fresh process so its peak memory is its own:");
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["stix-throughput", large, "--no-large"]))!;
            child.WaitForExit();
        }
        finally
        {
            File.Delete(large);
        }

        return 0;
    }

    private static void Measure(string path, string label, bool print)
    {
        var bytes = new FileInfo(path).Length;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        long objects = 0, invalid = 0, errors = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            foreach (var entry in StixBundleReader.Read(stream))
            {
                if (!entry.TryParse(out var obj, out _))
                {
                    errors++;
                    continue;
                }

                invalid += StixValidator.Validate(obj).IsValid ? 0 : 1;
                obj.Dispose();
                objects++;
            }
        }

        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (!print)
        {
            return;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-6} {Mb(bytes),8} MB  {bytes / 1e6 / seconds,7:F1} MB/s ({bytes / 1e6 / cpu.TotalSeconds,7:F1} per CPU-second)  {objects / seconds,9:F0} objects/s  " +
            $"wall {seconds:F2}s cpu {cpu.TotalSeconds:F2}s  objects {objects} (invalid {invalid}, unreadable {errors})  " +
            $"allocated {Mb(allocated)} MB ({allocated / Math.Max(1, objects)} B/object)  " +
            $"peak working set {Mb(process.PeakWorkingSet64)} MB, live heap after full GC {Mb(GC.GetTotalMemory(forceFullCollection: true))} MB"));
    }

    /// <summary>Writes a bundle holding the input's objects repeated until it reaches ~500 MB, streaming both ways.</summary>
    private static long WriteLarge(string source, string target, long targetBytes)
    {
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        output.Write("{\"type\":\"bundle\",\"id\":\"bundle--6f9a3c2e-1b8d-4e57-9a0c-3d2f1e4b5a69\",\"objects\":[\n"u8);
        var first = true;
        while (output.Length < targetBytes)
        {
            using var input = File.OpenRead(source);
            foreach (var entry in StixBundleReader.Read(input))
            {
                if (!first)
                {
                    output.Write(",\n"u8);
                }

                first = false;
                output.Write(entry.Utf8Json.Span);
            }
        }

        output.Write("\n]}\n"u8);
        return output.Length;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}
