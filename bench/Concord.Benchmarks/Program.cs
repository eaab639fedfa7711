using BenchmarkDotNet.Running;
using Concord.Benchmarks;

if (args.Length > 0 && args[0] == "stix-throughput")
{
    // stix-throughput [path] [--no-large] [--large-mb N]
    var sizeAt = Array.IndexOf(args, "--large-mb");
    var largeMegabytes = sizeAt > 0 && sizeAt + 1 < args.Length ? int.Parse(args[sizeAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 500;
    var path = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != largeMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    return Throughput.Run(path, args.Contains("--no-large"), largeMegabytes);
}

BenchmarkSwitcher.FromAssembly(typeof(StixBenchmarks).Assembly).Run(args);
return 0;
