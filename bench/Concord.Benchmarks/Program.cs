using BenchmarkDotNet.Running;
using Concord.Benchmarks;

if (args.Length > 0 && args[0] == "stix-throughput")
{
    return Throughput.Run(args.Length > 1 ? args[1] : null, args.Contains("--no-large"));
}

if (args is ["ingest", .. var rest])
{
    return await Concord.Benchmarks.Ingest.IngestBenchmark.RunAsync(rest);
}

if (args is ["taxii-read", .. var taxiiArgs])
{
    return await Concord.Benchmarks.Taxii.TaxiiReadBenchmark.RunAsync(taxiiArgs);
}

if (args is ["observables", ..]) return Concord.Benchmarks.Observables.WarninglistBench.Run(args.ElementAtOrDefault(1));

BenchmarkSwitcher.FromAssembly(typeof(StixBenchmarks).Assembly).Run(args);
return 0;
