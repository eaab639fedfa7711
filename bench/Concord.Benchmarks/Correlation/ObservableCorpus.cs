using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Concord.Benchmarks.Correlation;

/// <summary>
/// A deterministic corpus of indicators, <see cref="PerObject"/> observables each, in a mix meant to look like a
/// CERT's feed: 30% IPv4 addresses, 2% IPv4 /24 networks, 3% IPv6, 20% domains, 15% URLs, 15% SHA-256, 10% MD5,
/// 5% e-mail addresses. One value in ten is drawn from a shared pool (a value reported about five times), so
/// lookups find real correlations. Values are generated in canonical form, so their UTF-8 length is the
/// "raw value" size the index is compared with.
/// </summary>
internal sealed class ObservableCorpus(long observables, int perObject)
{
    public int PerObject { get; } = perObject;

    public int Objects { get; } = (int)((observables + perObject - 1) / perObject);

    private long PoolSize => Math.Max(1, (long)Objects * PerObject / 50);

    /// <summary>Bytes of canonical value text over every (object, observable) pair written, counted while streaming.</summary>
    public long RawBytes { get; private set; }

    /// <summary>(object, observable) pairs written.</summary>
    public long Pairs { get; private set; }

    /// <summary>The value in slot <paramref name="slot"/> of object <paramref name="index"/>: (STIX pattern path, canonical value).</summary>
    public (string Path, string Value) ValueAt(int index, int slot)
    {
        var n = ((long)index * PerObject) + slot;
        var h = Mix(n);
        return h % 10 == 9 ? Value(100_000_000_000L + (long)(Mix(n ^ 0x5bd1e995) % (ulong)PoolSize)) : Value(n);
    }

    /// <summary>A value that is not in the corpus (a miss), of the same mix of kinds.</summary>
    public static (string Path, string Value) Miss(Random random) => Value(-1 - random.NextInt64(1, long.MaxValue / 4));

    public Stream Open(CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        _ = Task.Run(() => WriteAsync(pipe.Writer, cancellationToken), cancellationToken);
        return pipe.Reader.AsStream();
    }

    private static (string Path, string Value) Value(long n)
    {
        var h = Mix(n);
        var v = CultureInfo.InvariantCulture;
        return (h % 100) switch
        {
            < 30 => ("ipv4-addr:value", string.Create(v, $"{1 + ((h >> 8) % 223)}.{(h >> 16) & 255}.{(h >> 24) & 255}.{(h >> 32) & 255}")),
            < 32 => ("ipv4-addr:value", string.Create(v, $"{1 + ((h >> 8) % 223)}.{(h >> 16) & 255}.{(h >> 24) & 255}.0/24")),
            < 35 => ("ipv6-addr:value", string.Create(v, $"2001:db8:{1 + ((h >> 8) & 0xfffe):x}:{1 + ((h >> 24) & 0xfffe):x}::{1 + ((h >> 40) & 0xfffe):x}")),
            < 55 => ("domain-name:value", string.Create(v, $"h{h >> 24:x}.c{(h >> 8) % 997}.example.net")),
            < 70 => ("url:value", string.Create(v, $"https://f{(h >> 8) % 31}.example.org/dl/{h >> 20:x}/p.bin")),
            < 85 => ("file:hashes.'SHA-256'", Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(n)))),
            < 95 => ("file:hashes.MD5", Convert.ToHexStringLower(MD5.HashData(BitConverter.GetBytes(n)))),
            _ => ("email-addr:value", string.Create(v, $"u{h >> 28:x}@mail{(h >> 8) % 53}.example.com")),
        };
    }

    private static ulong Mix(long n)
    {
        var x = (ulong)n + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private async Task WriteAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await using (var json = new Utf8JsonWriter(output))
            {
                json.WriteStartObject();
                json.WriteString("type", "bundle");
                json.WriteString("id", $"bundle--{Guid.NewGuid()}");
                json.WriteStartArray("objects");
                var pattern = new StringBuilder();
                var seen = new HashSet<string>();
                for (var i = 0; i < Objects; i++)
                {
                    pattern.Clear();
                    seen.Clear();
                    for (var s = 0; s < PerObject; s++)
                    {
                        var (path, value) = ValueAt(i, s);
                        pattern.Append(s == 0 ? "" : " OR ").Append('[').Append(path).Append(" = '").Append(value).Append("']");
                        if (seen.Add(value))
                        {
                            RawBytes += Encoding.UTF8.GetByteCount(value);
                            Pairs++;
                        }
                    }

                    WriteIndicator(json, i, pattern.ToString());
                    if ((i & 255) == 255)
                    {
                        await json.FlushAsync(cancellationToken);
                        await output.FlushAsync(cancellationToken);
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            await output.CompleteAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            await output.CompleteAsync(ex);
        }
    }

    private static void WriteIndicator(Utf8JsonWriter json, int i, string pattern)
    {
        json.WriteStartObject();
        json.WriteString("type", "indicator");
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", $"indicator--{Guid.NewGuid()}");
        json.WriteString("created", "2026-10-01T12:00:00.000Z");
        json.WriteString("modified", "2026-10-01T12:00:00.000Z");
        json.WriteString("name", $"Correlation corpus {i}");
        json.WriteString("pattern", pattern);
        json.WriteString("pattern_type", "stix");
        json.WriteString("valid_from", "2026-10-01T12:00:00Z");
        json.WriteStartArray("object_marking_refs");
        json.WriteStringValue("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
