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

if (args is ["ingest", .. var rest])
{
    return await Concord.Benchmarks.Ingest.IngestBenchmark.RunAsync(rest);
}

if (args is ["ingest-client", .. var clientArgs])
{
    return await Concord.Benchmarks.Ingest.ClientBreakdown.RunAsync(clientArgs);
}

if (args is ["misp-import", .. var mispArgs])
{
    return await Concord.Benchmarks.Ingest.MispBenchmark.RunAsync(mispArgs);
}

if (args is ["misp-client", .. var mispClientArgs])
{
    return await Concord.Benchmarks.Feeds.MispClientBreakdown.RunAsync(mispClientArgs);
}

if (args is ["feed", .. var feedArgs])
{
    return await Concord.Benchmarks.Feeds.FeedBenchmark.RunAsync(feedArgs);
}

if (args is ["block-list", .. var blockArgs])
{
    return await Concord.Benchmarks.Export.BlockListBenchmark.RunAsync(blockArgs);
}

if (args is ["taxii-read", .. var taxiiArgs])
{
    return await Concord.Benchmarks.Taxii.TaxiiReadBenchmark.RunAsync(taxiiArgs);
}

if (args is ["federation", .. var federationArgs])
{
    return await Concord.Benchmarks.Federation.FederationBenchmark.RunAsync(federationArgs);
}

if (args is ["correlation", .. var correlationArgs])
{
    return await Concord.Benchmarks.Correlation.CorrelationBenchmark.RunAsync(correlationArgs);
}

if (args is ["score-list", .. var scoreArgs])
{
    return await Concord.Benchmarks.Scoring.ScoreListBenchmark.RunAsync(scoreArgs);
}

if (args is ["search-load", .. var searchArgs])
{
    return await Concord.Benchmarks.Search.SearchLoadBenchmark.RunAsync(searchArgs);
}

if (args is ["whose", .. var whoseArgs]) return Concord.Benchmarks.Ownership.WhoseBenchmark.Run(whoseArgs);

if (args is ["observables", ..]) return Concord.Benchmarks.Observables.WarninglistBench.Run(args.ElementAtOrDefault(1));

BenchmarkSwitcher.FromAssembly(typeof(StixBenchmarks).Assembly).Run(args);
return 0;
