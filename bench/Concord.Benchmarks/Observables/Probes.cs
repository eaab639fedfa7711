using Concord.Observables;
using Concord.Intel.Observables.Warninglists;

namespace Concord.Benchmarks.Observables;

/// <summary>Lookup inputs: real indicators from shared/data where present, list entries, and seeded random values.</summary>
internal sealed class Probes(WarninglistSnapshot snapshot)
{
    private readonly Random _random = new(20261123);

    public Observable[] Ips()
    {
        var values = Lines("indicators/ipsum/ipsum.txt").Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')[0]).Take(100_000).ToList();
        values.AddRange(Enumerable.Range(0, 50_000).Select(_ => $"{_random.Next(1, 224)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(256)}"));
        values.AddRange(Enumerable.Range(0, 20_000).Select(_ => $"2001:{_random.Next(0x10000):x}:{_random.Next(0x10000):x}::{_random.Next(0x10000):x}"));
        values.AddRange(["8.8.8.8", "10.1.2.3", "192.168.1.1", "fe80::1", "2001:db8::1"]);
        return Parse(values, ObservableKind.Ipv4Address, ObservableKind.Ipv6Address);
    }

    public Observable[] Domains()
    {
        var values = Lines("indicators/infoblox/combined.csv").Skip(1).Select(l => l.Split(',')).Where(f => f.Length > 1 && f[0] == "domain").Select(f => f[1]).Take(100_000).ToList();
        values.AddRange(Entries(WarninglistType.String, "cisco_top10k").Select(d => "www." + d.TrimStart('.')).Take(20_000));
        values.AddRange(Entries(WarninglistType.Hostname, "dynamic-dns").Select(d => "host" + _random.Next(1000) + "." + d.TrimStart('.')).Take(20_000));
        return Parse(values, ObservableKind.Domain);
    }

    public Observable[] Hashes()
    {
        var values = Entries(WarninglistType.String, "ti-falsepositives").Take(20_000).ToList();
        values.AddRange(Enumerable.Range(0, 80_000).Select(_ => Convert.ToHexStringLower(_random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 32))));
        return [.. values.Select(v => Observable.Parse(v.Length switch { 32 => ObservableKind.Md5, 40 => ObservableKind.Sha1, _ => ObservableKind.Sha256 }, v))
            .Where(r => r.IsSuccess).Select(r => r.Value)];
    }

    public Observable[] Urls() =>
        Parse([.. Domains().Take(50_000).Select((d, i) => $"https://{d.Value}/path/{i}?q={i}")], ObservableKind.Url);

    private IEnumerable<string> Entries(WarninglistType type, string id)
    {
        var list = snapshot.Lists.FirstOrDefault(l => l.Id == id && l.Type == type);
        var path = Corpus.Find($"misp/warninglists/lists/{id}/list.json");
        if (list is null || path is null)
        {
            return [];
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("list").EnumerateArray().Select(e => e.GetString()!)];
    }

    private static IEnumerable<string> Lines(string relative) => Corpus.Find(relative) is { } path ? File.ReadLines(path) : [];

    private static Observable[] Parse(IEnumerable<string> values, params ObservableKind[] kinds) =>
        [.. values.Select(v => kinds.Select(k => Observable.Parse(k, v)).FirstOrDefault(r => r.IsSuccess)).Where(r => r.IsSuccess).Select(r => r.Value)];
}
