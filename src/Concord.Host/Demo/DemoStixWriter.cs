using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Concord.Stix;

namespace Concord.Host.Demo;

/// <summary>
/// Writes demo STIX objects with deterministic ids and timestamps drawn from one seeded random source, into one batch
/// per day shared and distribution, so the demo's history can be imported day by day.
/// </summary>
internal sealed class DemoStixWriter(Random random)
{
    private readonly Dictionary<string, DemoBatch> _batches = new(StringComparer.Ordinal);
    private readonly List<DemoBatch> _order = [];

    // Names keep their letters in the stored JSON ("Lucía", not "Luc\u00EDa"): the text is data, never written into HTML raw.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Random Random { get; } = random;

    /// <summary>The batches in the order they were shared (oldest first; ties in the order they were written).</summary>
    public IReadOnlyList<DemoBatch> Batches => _order.OrderBy(b => b.SharedAt).ToList();

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

    /// <summary>
    /// Writes one object: the common properties, then <paramref name="body"/>, then its TLP marking. It is shared (imported)
    /// at <paramref name="shared"/>, by default when it was created.
    /// </summary>
    public string Emit(
        string type, DemoDistribution distribution, string createdBy, DateTimeOffset created, Action<Utf8JsonWriter> body, string? id = null,
        DateTimeOffset? shared = null, DateTimeOffset? modified = null)
    {
        id ??= NewId(type);
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("spec_version", "2.1");
            writer.WriteString("id", id);
            writer.WriteString("created_by_ref", createdBy);
            writer.WriteString("created", Stamp(created));
            writer.WriteString("modified", Stamp(modified ?? created));
            body(writer);
            writer.WriteStartArray("object_marking_refs");
            writer.WriteStringValue(MarkingId(distribution.Tlp));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var at = shared ?? modified ?? created;
        var key = $"{at.UtcDateTime:yyyy-MM-dd}|{distribution.Key}";
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = new DemoBatch(distribution, NewId("bundle"));
            _batches[key] = batch;
            _order.Add(batch);
        }

        batch.Objects.Add(buffer.WrittenSpan.ToArray());
        batch.SharedAt = at > batch.SharedAt ? at : batch.SharedAt;
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
