using System.Text.Json;
using Concord.Access;
using Concord.Stix;

namespace Concord.Host.Demo;

/// <summary>Who owns a batch of demo objects and how far it is shared.</summary>
/// <param name="Recipients">Organisation keys of the named recipients (scope <see cref="Scope.Recipients"/>), sorted.</param>
internal sealed record DemoDistribution(string OwnerKey, Tlp Tlp, Scope Scope, IReadOnlyList<string> Recipients)
{
    public string Key => $"{OwnerKey}|{Tlp}|{Scope}|{string.Join(',', Recipients)}";
}

/// <summary>Demo objects that share one owner, TLP and scope: one import.</summary>
internal sealed class DemoBatch(DemoDistribution distribution, string bundleId)
{
    public DemoDistribution Distribution { get; } = distribution;

    public string BundleId { get; } = bundleId;

    /// <summary>When the batch is imported: the latest time one of its objects was shared, so none is added before it was created.</summary>
    public DateTimeOffset SharedAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Each object's UTF-8 JSON.</summary>
    public List<byte[]> Objects { get; } = [];

    /// <summary>The batch as a STIX 2.1 bundle.</summary>
    public MemoryStream ToBundleStream()
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "bundle");
            writer.WriteString("id", BundleId);
            writer.WriteStartArray("objects");
            foreach (var json in Objects)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }
}

/// <summary>The generated body of demo intelligence, in import order (oldest first: identities and shared knowledge lead).</summary>
internal sealed record DemoIntel(IReadOnlyList<DemoBatch> Batches)
{
    public int ObjectCount => Batches.Sum(b => b.Objects.Count);
}
