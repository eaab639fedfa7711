using BenchmarkDotNet.Running;
using Concord.Benchmarks;

if (args.Length > 0 && args[0] == "stix-throughput")
{
    return Throughput.Run(args.Length > 1 ? args[1] : null, args.Contains("--no-large"));
}

BenchmarkSwitcher.FromAssembly(typeof(StixBenchmarks).Assembly).Run(args);
return 0;
