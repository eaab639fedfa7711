using BenchmarkDotNet.Attributes;
using Concord.Stix;
using Concord.Stix.Validation;

namespace Concord.Benchmarks;

/// <summary>
/// Parse, parse+validate and stream-read over the ATT&amp;CK ICS bundle (3.5 MB, 1,826 objects), which is small
/// enough for BenchmarkDotNet's many iterations; stix-throughput covers the 50 MB Enterprise bundle.
/// </summary>
[MemoryDiagnoser]
public class StixBenchmarks
{
    private byte[] _bundle = [];
    private ReadOnlyMemory<byte>[] _objects = [];

    [GlobalSetup]
    public void Setup()
    {
        _bundle = File.ReadAllBytes(Corpus.Require("attack/ics-attack-18.1.json"));
        _objects = [.. StixBundleReader.Read(new MemoryStream(_bundle)).Select(e => e.Utf8Json)];
    }

    [Benchmark]
    public int Parse()
    {
        var count = 0;
        foreach (var json in _objects)
        {
            if (StixParser.TryParse(json, out var obj, out _))
            {
                obj.Dispose();
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    public int ParseAndValidate()
    {
        var count = 0;
        foreach (var json in _objects)
        {
            if (StixParser.TryParse(json, out var obj, out _))
            {
                count += StixValidator.Validate(obj).IsValid ? 1 : 0;
                obj.Dispose();
            }
        }

        return count;
    }

    [Benchmark]
    public int StreamRead() => StixBundleReader.Read(new MemoryStream(_bundle, writable: false)).Count();

    [Benchmark]
    public int StreamReadParseAndValidate()
    {
        var count = 0;
        foreach (var entry in StixBundleReader.Read(new MemoryStream(_bundle, writable: false)))
        {
            if (entry.TryParse(out var obj, out _))
            {
                count += StixValidator.Validate(obj).IsValid ? 1 : 0;
                obj.Dispose();
            }
        }

        return count;
    }
}
