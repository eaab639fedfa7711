using System.Text.Json;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;

namespace Concord.Intel.Features.Sightings;

/// <summary>
/// The STIX 2.1 sighting the quick form records. It names no reporter (no <c>created_by_ref</c>, no
/// <c>where_sighted_refs</c>): the node knows the reporting organisation as the object's owner, and an anonymous
/// sighting (<c>x_concord_anonymous: true</c>) has no identity in its JSON that any reader could be served.
/// </summary>
internal sealed record SightingObject(string Id, string SightingOf, byte[] Json)
{
    public static SightingObject Build(StoredStixObject indicator, SightingReport report, DateTimeOffset now)
    {
        var id = $"sighting--{Guid.NewGuid():D}";
        var stamp = StixTime.Format(now);
        var seen = StixTime.Format(report.Seen ?? now);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "sighting");
            writer.WriteString("spec_version", "2.1");
            writer.WriteString("id", id);
            writer.WriteString("created", stamp);
            writer.WriteString("modified", stamp);
            writer.WriteString("sighting_of_ref", indicator.Id);
            writer.WriteNumber("count", report.Count);
            writer.WriteString("first_seen", seen);
            writer.WriteString("last_seen", seen);
            writer.WriteString(ScoreInputs.KindProperty, ScoreInputs.KindName(report.Kind));
            if (report.Anonymous)
            {
                writer.WriteBoolean(ScoreInputs.AnonymousProperty, true);
            }

            writer.WriteEndObject();
        }

        return new SightingObject(id, indicator.Id, buffer.ToArray());
    }

    public static MemoryStream Bundle(IEnumerable<byte[]> objects)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "bundle");
            writer.WriteString("id", $"bundle--{Guid.NewGuid():D}");
            writer.WriteStartArray("objects");
            foreach (var json in objects)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.Position = 0;
        return buffer;
    }
}
