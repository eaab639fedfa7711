using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Concord.Intel;
using Concord.Stix;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Misp;

namespace Concord.Benchmarks.Feeds;

/// <summary>
/// The client half of a MISP feed's import without a database, each pass adding one stage (read the events, convert
/// them to STIX, the pipeline's preparation: parse, validate, keys, search document, hash), so a stage's CPU is the
/// difference between two passes. Default: the Infoblox feed of ../shared/data/misp/feeds/infoblox.
/// The first round (a warm-up) also counts the objects by type. Usage: <c>misp-client [--folder DIR] [--repeat N]</c>.
/// </summary>
internal static class MispClientBreakdown
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Ingest.BenchArgs.Option(args, "--folder") ?? FeedBenchmark.Shared("misp", "feeds", "infoblox");
        if (folder is null)
        {
            Console.WriteLine("No MISP feed folder (--folder DIR, or ../shared/data/misp/feeds/infoblox); skipped.");
            return 0;
        }

        var repeat = int.Parse(Ingest.BenchArgs.Option(args, "--repeat") ?? "3", CultureInfo.InvariantCulture);
        var files = Directory.GetFiles(folder, "*-*.json").Select(File.ReadAllBytes).ToList();
        var prepare = typeof(IngestRow).Assembly.GetType("Concord.Intel.Features.Import.IngestPipeline")!
            .GetMethod("Prepare", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("IngestPipeline.Prepare (private, reached by reflection) was renamed; update this benchmark.");
        var run = new IngestRun(ImportPolicy.BestEffort, new DistributionPlan(Guid.NewGuid(), Tlp.Clear, null, null), 100);
        string[] passes = ["read", "convert", "prepare"];
        Console.WriteLine($"MISP client breakdown: {files.Count} events, {files.Sum(f => (long)f.Length) / 1e6:F1} MB; {Environment.ProcessorCount} cores, load average {Ingest.ServerCpu.LoadAverage()}");
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < repeat; round++)
        {
            for (var pass = 0; pass < passes.Length; pass++)
            {
                GC.Collect();
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                long events = 0, outputs = 0;
                var callArgs = new object?[4];
                callArgs[1] = run;
                foreach (var file in files)
                {
                    await foreach (var unit in MispDocumentReader.ReadAsync(new MemoryStream(file, writable: false), CancellationToken.None))
                    {
                        using (unit)
                        {
                            events++;
                            if (pass == 0)
                            {
                                continue;
                            }

                            var converted = MispEventConverter.Convert(unit.Event, unit.Path, TimeProvider.System.GetUtcNow());
                            outputs += converted.Outputs.Count;
                            if (round == 0 && pass == 1)
                            {
                                foreach (var output in converted.Outputs.Where(o => o.Json is not null))
                                {
                                    var type = System.Text.Json.JsonDocument.Parse(output.Json).RootElement.GetProperty("type").GetString()!;
                                    types[type] = types.GetValueOrDefault(type) + 1;
                                }
                            }
                            if (pass == 2)
                            {
                                foreach (var output in converted.Outputs)
                                {
                                    callArgs[0] = new IngestEntry(0) { Json = output.Json };
                                    _ = prepare.Invoke(null, callArgs) ?? throw new InvalidOperationException("rejected: " + ((RejectedObject)callArgs[3]!).Issues[0].Message);
                                }
                            }
                        }
                    }
                }

                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passes[pass],-10} {events,4} events {outputs,9:N0} objects in {clock.Elapsed.TotalSeconds,6:F2} s wall, {cpu,6:F2} s CPU{(outputs > 0 ? $", {cpu * 1e6 / outputs:F1} µs CPU per object" : "")}"));
            }
        }

        Console.WriteLine("Objects by type: " + string.Join(", ", types.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:N0}"))));
        return 0;
    }
}
