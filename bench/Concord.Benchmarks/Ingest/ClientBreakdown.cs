using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Concord.Access;
using Concord.Intel;
using Concord.Intel.Features.Import;
using Concord.Stix;
using Concord.Stix.Validation;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// The client half of the indicator ingest without a database: each pass adds one stage (generate, split, parse,
/// validate, the pipeline's whole preparation, PostgreSQL's COPY encoding), so the CPU time of a stage is the
/// difference between two passes.
/// Usage: <c>ingest-client [--indicators N]</c>.
/// </summary>
internal static class ClientBreakdown
{
    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--indicators");
        var count = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 1_000_000;
        var prepare = typeof(IngestRow).Assembly.GetType("Concord.Intel.Features.Import.IngestPipeline")!
            .GetMethod("Prepare", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("IngestPipeline.Prepare (private, reached by reflection) was renamed; update this benchmark.");
        var run = new IngestRun(ImportPolicy.BestEffort, new DistributionPlan(Guid.NewGuid(), Tlp.Green, null, null), 100);
        string[] passes = ["generate", "split", "parse", "validate", "prepare", "encode"];
        for (var pass = 0; pass < passes.Length; pass++)
        {
            GC.Collect();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long n = 0;
            await using var input = IndicatorBundle.Open(count, CancellationToken.None);
            if (pass == 0)
            {
                var buffer = new byte[1 << 16];
                while (await input.ReadAsync(buffer) is var read and > 0)
                {
                    n += read;
                }
            }
            else
            {
                var callArgs = new object?[4];
                var batch = new CopyBatch(new Concord.Intel.Features.Correlation.PrefixCache());
                await foreach (var entry in StixBundleReader.ReadAsync(input, StixReaderOptions.Default, CancellationToken.None))
                {
                    n++;
                    if (pass == 2 || pass == 3)
                    {
                        entry.TryParse(out var stix, out _);
                        if (pass == 3 && !StixValidator.Validate(stix!).IsValid)
                        {
                            throw new InvalidOperationException("invalid");
                        }

                        stix!.Dispose();
                    }
                    else if (pass >= 4)
                    {
                        callArgs[0] = new IngestEntry((int)n) { Bundle = entry };
                        callArgs[1] = run;
                        var row = (IngestRow?)prepare.Invoke(null, callArgs) ?? throw new InvalidOperationException("rejected");
                        if (pass == 5)
                        {
                            batch.Add(row, n, n);
                            if (batch.Count == PostgresIngestSink.BatchRows)
                            {
                                await batch.WriteToAsync(Stream.Null, null, CancellationToken.None);
                                batch.Clear();
                            }
                        }
                    }
                }
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passes[pass],-10} {n,12:N0} in {clock.Elapsed.TotalSeconds,6:F2} s wall, {cpu,6:F2} s CPU"));
        }

        return 0;
    }
}
