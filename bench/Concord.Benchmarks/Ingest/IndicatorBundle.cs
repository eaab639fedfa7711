using System.IO.Pipelines;
using System.Text.Json;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// A bundle of <c>count</c> valid indicators (IPv4, domain, URL and SHA-256 patterns) generated while it is read,
/// so the benchmark streams it like a network upload and memory does not grow with the count. Ids and hashes come
/// from a seeded generator: the same count gives the same bundle, and generating costs the run little CPU.
/// </summary>
internal static class IndicatorBundle
{
    /// <summary>
    /// The same bundle as a file, written once and kept in the temp folder (<c>concord-bench-data</c>): a run that reads it
    /// spends no CPU on generating (about 5 µs per indicator, which would otherwise count as the import's).
    /// </summary>
    public static async Task<string> FileAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "concord-bench-data");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"indicators-{count}.json");
        if (!File.Exists(path))
        {
            var partial = path + ".partial";
            await using (var output = File.Create(partial))
            await using (var input = Open(count, CancellationToken.None))
            {
                await input.CopyToAsync(output);
            }

            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    public static Stream Open(int count, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        _ = Task.Run(() => WriteAsync(pipe.Writer, count, cancellationToken), cancellationToken);
        return pipe.Reader.AsStream();
    }

    private static async Task WriteAsync(PipeWriter output, int count, CancellationToken cancellationToken)
    {
        try
        {
            await using (var json = new Utf8JsonWriter(output))
            {
                json.WriteStartObject();
                json.WriteString("type", "bundle");
                json.WriteString("id", $"bundle--{Guid.NewGuid()}");
                json.WriteStartArray("objects");
                var random = new Random(count);
                var hash = new byte[32];
                for (var i = 0; i < count; i++)
                {
                    random.NextBytes(hash);
                    WriteIndicator(json, i, Pattern(i, hash), Uuid(random));
                    if ((i & 255) == 255)
                    {
                        // Commit the JSON to the pipe, then wait while the reader is behind: this is what keeps the
                        // generated bundle streaming instead of piling up in memory.
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

    private static string Pattern(int i, ReadOnlySpan<byte> hash) => (i % 4) switch
    {
        0 => $"[ipv4-addr:value = '{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}.{(i * 7) & 255}']",
        1 => $"[domain-name:value = 'host{i}.campaign{i % 97}.example.net']",
        2 => $"[url:value = 'https://files{i % 31}.example.org/dl/{i}/payload.bin']",
        _ => $"[file:hashes.'SHA-256' = '{Convert.ToHexStringLower(hash)}']",
    };

    /// <summary>A random (version 4) UUID from <paramref name="random"/>.</summary>
    private static Guid Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static void WriteIndicator(Utf8JsonWriter json, int i, string pattern, Guid id)
    {
        json.WriteStartObject();
        json.WriteString("type", "indicator");
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", $"indicator--{id}");
        json.WriteString("created", "2026-10-01T12:00:00.000Z");
        json.WriteString("modified", "2026-10-01T12:00:00.000Z");
        json.WriteString("name", $"Generated indicator {i}");
        json.WriteStartArray("indicator_types");
        json.WriteStringValue("malicious-activity");
        json.WriteEndArray();
        json.WriteString("pattern", pattern);
        json.WriteString("pattern_type", "stix");
        json.WriteString("valid_from", "2026-10-01T12:00:00Z");
        json.WriteStartArray("labels");
        json.WriteStringValue(i % 2 == 0 ? "botnet" : "phishing");
        json.WriteEndArray();
        json.WriteStartArray("object_marking_refs");
        json.WriteStringValue("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
