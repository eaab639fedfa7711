using BenchmarkDotNet.Running;

if (args is ["ingest", .. var rest])
{
    return await Concord.Benchmarks.Ingest.IngestBenchmark.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
