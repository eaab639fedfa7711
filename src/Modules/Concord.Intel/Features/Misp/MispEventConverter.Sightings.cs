using System.Text.Json;
using Concord.Intel.Features.Scoring;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// MISP sightings become STIX sightings of what their attribute became (<c>sighting--&lt;sighting uuid&gt;</c>), the
/// reporting organisation as <c>where_sighted_refs</c>. misp-stix writes a false positive (type 1) as an opinion and
/// drops expirations (type 2); Concord's scores read both from sightings, so both are sightings here with their kind
/// (difference "sighting-kinds").
/// </summary>
internal sealed partial class MispEventConverter
{
    private void Sightings(MispAttr a, params string[] references) =>
        Sightings(a.Json.Items("Sighting"), a, references);

    private void ObjectSightings(MispObj o, params string[] references)
    {
        foreach (var attribute in o.Attributes)
        {
            Sightings(attribute.Json.Items("Sighting"), attribute, references);
        }
    }

    private void Sightings(IEnumerable<JsonElement> sightings, MispAttr a, string[] references)
    {
        foreach (var (sighting, index) in sightings.Select((s, i) => (s, i)))
        {
            _result.Sightings++;
            var date = MispTime.TryEpoch(sighting.Text("date_sighting"), out var seen) ? seen : a.Timestamp;
            var uuid = sighting.Text("uuid") is { } given && Guid.TryParseExact(given, "D", out _) ? given.ToLowerInvariant() : MispStix.DerivedUuid($"{a.Uuid}/sighting/{index}/{sighting.GetRawText()}");
            var stix = new StixObj("sighting", Ref("sighting", uuid))
                .Set("created", MispTime.Stamp(date)).Set("modified", MispTime.Stamp(date))
                .Set("first_seen", MispTime.Exact(date)).Set("last_seen", MispTime.Exact(date)).Set("count", 1);
            if (references.Length == 1)
            {
                stix.Set("sighting_of_ref", references[0]);
            }
            else
            {
                stix.Set("sighting_of_ref", references.First(r => !r.StartsWith("observed-data--", StringComparison.Ordinal)))
                    .Set("observed_data_refs", references.Where(r => r.StartsWith("observed-data--", StringComparison.Ordinal)).Select(r => (object?)r).ToList());
            }

            if (sighting.Child("Organisation") is { } organisation && organisation.Text("uuid") is { } orgUuid && Guid.TryParse(orgUuid, out _))
            {
                stix.Set("where_sighted_refs", new List<object?> { SightingIdentity(orgUuid.ToLowerInvariant(), organisation.Text("name") ?? orgUuid, date, a) });
            }

            stix.SetText("description", sighting.Text("source"));
            var kind = sighting.Text("type") switch { "1" => SightingKind.FalsePositive, "2" => SightingKind.Expiration, _ => SightingKind.Sighting };
            if (kind != SightingKind.Sighting)
            {
                stix.Set(ScoreInputs.KindProperty, ScoreInputs.KindName(kind));
            }

            Mark(stix, Markings(a.Json.TagNames()));
            Emit(stix, a.Origin with { Path = $"{a.Origin.Path}.Sighting[{index}]" }, a.Distribution);
        }
    }

    private string SightingIdentity(string uuid, string name, DateTimeOffset date, MispAttr a)
    {
        var id = Ref("identity", uuid);
        if (_identities.Add(id))
        {
            var identity = new StixObj("identity", id).Set("created", MispTime.Stamp(date)).Set("modified", MispTime.Stamp(date))
                .Set("name", name).Set("identity_class", "organization");
            Mark(identity, null);
            Emit(identity, a.Origin, a.Distribution, inReport: false);
        }

        return id;
    }
}
