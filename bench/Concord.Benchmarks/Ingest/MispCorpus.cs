using System.IO.Pipelines;
using System.Text.Json;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// A MISP API export (<c>{"response": [{"Event": …}, …]}</c>) of <c>events</c> events with <c>attributes</c> attributes
/// each, generated while it is read, so the benchmark streams it like an upload and memory does not grow with its size.
/// The attribute mix is what CERT events hold: network values (ip-dst, ip-dst|port, domain, hostname, url), file hashes and filename|hash pairs, e-mail senders, and context (comments, ip-src), about half of them with to_ids, plus one
/// file object per 50 attributes. A fixed seed: the same sizes give the same export.
/// </summary>
internal static class MispCorpus
{
    public static Stream Open(int events, int attributes, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        _ = Task.Run(() => WriteAsync(pipe.Writer, events, attributes, cancellationToken), cancellationToken);
        return pipe.Reader.AsStream();
    }

    private static async Task WriteAsync(PipeWriter output, int events, int attributes, CancellationToken cancellationToken)
    {
        try
        {
            await using (var json = new Utf8JsonWriter(output))
            {
                var random = new Random(events * 7919 + attributes);
                json.WriteStartObject();
                json.WriteStartArray("response");
                for (var e = 0; e < events; e++)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("Event");
                    WriteEventHeader(json, e, random);
                    json.WriteStartArray("Attribute");
                    for (var a = 0; a < attributes; a++)
                    {
                        WriteAttribute(json, e * attributes + a, random);
                        if ((a & 255) == 255)
                        {
                            await json.FlushAsync(cancellationToken);
                            await output.FlushAsync(cancellationToken);
                        }
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("Object");
                    for (var o = 0; o < attributes / 50; o++)
                    {
                        WriteFileObject(json, e * attributes + o, random);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken);
                    await output.FlushAsync(cancellationToken);
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

    /// <summary>Attributes and object attributes the export holds in all: what attributes/s is counted over.</summary>
    public static long AttributeCount(int events, int attributes) => (long)events * (attributes + attributes / 50 * 3);

    private static void WriteEventHeader(Utf8JsonWriter json, int e, Random random)
    {
        json.WriteString("uuid", Uuid(random));
        json.WriteString("info", $"Benchmark campaign {e}: phishing wave against the energy sector");
        json.WriteString("date", "2026-11-02");
        json.WriteString("threat_level_id", "2");
        json.WriteString("analysis", "1");
        json.WriteString("distribution", "1");
        json.WriteBoolean("published", true);
        json.WriteString("timestamp", "1793000000");
        json.WriteStartObject("Orgc");
        json.WriteString("name", "CERT-BENCH");
        json.WriteString("uuid", "5a0d9c7e-0c2b-4e1a-8d2e-1f0e9c1a2b3c");
        json.WriteEndObject();
        json.WriteStartArray("Tag");
        json.WriteStartObject();
        json.WriteString("name", "tlp:green");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("name", "misp-galaxy:threat-actor=\"APT28\"");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteAttribute(Utf8JsonWriter json, int i, Random random)
    {
        var (type, category, value, toIds) = (i % 12) switch
        {
            0 => ("ip-dst", "Network activity", Ip(i), true),
            1 => ("ip-dst|port", "Network activity", $"{Ip(i)}|{1024 + (i % 50000)}", true),
            2 => ("domain", "Network activity", $"c2-{i}.campaign{i % 97}.example.net", true),
            3 => ("hostname", "Network activity", $"mail{i}.relay{i % 31}.example.org", true),
            4 => ("url", "Network activity", $"https://dl{i % 53}.example.com/payload/{i}/update.exe", true),
            5 => ("md5", "Payload delivery", Hex(random, 16), true),
            6 => ("sha1", "Payload delivery", Hex(random, 20), true),
            7 => ("sha256", "Payload delivery", Hex(random, 32), true),
            8 => ("filename|sha256", "Payload delivery", $"invoice_{i}.doc|{Hex(random, 32)}", true),
            9 => ("email-src", "Payload delivery", $"billing{i}@phish{i % 41}.example.com", true),
            10 => ("comment", "Other", $"Seen in the wave of week {i % 52}", false),
            _ => ("ip-src", "Network activity", Ip(i + 7), false),
        };
        json.WriteStartObject();
        json.WriteString("uuid", Uuid(random));
        json.WriteString("type", type);
        json.WriteString("category", category);

        // About half the attributes are for detection, as in real events (ESET's: 40 %; each becomes four STIX objects).
        json.WriteBoolean("to_ids", toIds && i % 3 != 0);
        json.WriteString("distribution", "5");
        json.WriteString("timestamp", "1793000000");
        json.WriteString("comment", "");
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static void WriteFileObject(Utf8JsonWriter json, int i, Random random)
    {
        json.WriteStartObject();
        json.WriteString("uuid", Uuid(random));
        json.WriteString("name", "file");
        json.WriteString("meta-category", "file");
        json.WriteString("template_uuid", "688c46fb-5edb-40a3-8273-1af7923e2215");
        json.WriteString("timestamp", "1793000000");
        json.WriteString("distribution", "5");
        json.WriteStartArray("Attribute");
        WriteObjectAttribute(json, random, "filename", "filename", $"dropper_{i}.dll", false);
        WriteObjectAttribute(json, random, "md5", "md5", Hex(random, 16), true);
        WriteObjectAttribute(json, random, "sha256", "sha256", Hex(random, 32), true);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteObjectAttribute(Utf8JsonWriter json, Random random, string relation, string type, string value, bool toIds)
    {
        json.WriteStartObject();
        json.WriteString("uuid", Uuid(random));
        json.WriteString("object_relation", relation);
        json.WriteString("type", type);
        json.WriteString("category", "Payload delivery");
        json.WriteBoolean("to_ids", toIds);
        json.WriteString("timestamp", "1793000000");
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static string Ip(int i) => $"{11 + ((i >> 24) & 127)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";

    private static string Hex(Random random, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
