using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Concord.Stix;

namespace Concord.Host.Demo;

/// <summary>Writes demo STIX objects with deterministic ids and timestamps drawn from one seeded random source.</summary>
internal sealed class DemoStixWriter(Random random)
{
    private readonly Dictionary<string, DemoBatch> _batches = new(StringComparer.Ordinal);
    private readonly List<DemoBatch> _order = [];

    public Random Random { get; } = random;

    public IReadOnlyList<DemoBatch> Batches => _order;

    /// <summary>A version-4 UUID from the seeded source, so the same seed always yields the same ids.</summary>
    public string NewId(string type)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"{type}--{new Guid(bytes, bigEndian: true):D}";
    }

    public static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        Random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>Writes one object: the common properties, then <paramref name="body"/>, then its TLP marking.</summary>
    public string Emit(string type, DemoDistribution distribution, string createdBy, DateTimeOffset created, Action<Utf8JsonWriter> body, string? id = null)
    {
        id ??= NewId(type);
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("spec_version", "2.1");
            writer.WriteString("id", id);
            writer.WriteString("created_by_ref", createdBy);
            writer.WriteString("created", Stamp(created));
            writer.WriteString("modified", Stamp(created));
            body(writer);
            writer.WriteStartArray("object_marking_refs");
            writer.WriteStringValue(MarkingId(distribution.Tlp));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (!_batches.TryGetValue(distribution.Key, out var batch))
        {
            batch = new DemoBatch(distribution, NewId("bundle"));
            _batches[distribution.Key] = batch;
            _order.Add(batch);
        }

        batch.Objects.Add(buffer.WrittenSpan.ToArray());
        return id;
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>The TLP 2.0 marking definition id for <paramref name="tlp"/>.</summary>
    public static string MarkingId(Tlp tlp) => Concord.Stix.Markings.TlpMarkings.IdOf(tlp);
}
