using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Platform;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// add_sighting by value: Concord's sightings (<see cref="ISightings"/>) of every indicator the caller may read that
/// holds the value. MISP's sighting types map to Concord's kinds (0 sighting, 1 false positive, 2 expiration). As MISP,
/// a sighting that matches nothing answers 200 with a message; the answer for a success is the last sighting saved.
/// </summary>
internal sealed class MispSightings(ISightings sightings, TimeProvider time)
{
    public const string NoMatch = "Could not add the Sighting. Reason: No valid attributes found that match the criteria.";

    public async Task<MispAnswer> AddAsync(Principal principal, JsonElement body, string url, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("value", out var valueJson) || valueJson.ValueKind != JsonValueKind.String || valueJson.GetString() is not { Length: > 0 } value)
        {
            return MispAnswer.Invalid(url, "value", "misp-sighting-value", "Concord adds sightings by value: the body needs a non-empty 'value'.");
        }

        var type = body.TryGetProperty("type", out var typeJson) ? typeJson.ToString() : "0";
        SightingKind? kind = type switch { "0" or "" => SightingKind.Sighting, "1" => SightingKind.FalsePositive, "2" => SightingKind.Expiration, _ => null };
        if (kind is null)
        {
            return MispAnswer.Invalid(url, "type", "misp-sighting-type", $"'{type}' is not a MISP sighting type (0 sighting, 1 false positive, 2 expiration).");
        }

        DateTimeOffset? seen = null;
        if (body.TryGetProperty("timestamp", out var stamp) && stamp.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            if (!long.TryParse(stamp.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                return MispAnswer.Invalid(url, "timestamp", "misp-timestamp", "'timestamp' must be seconds since 1970.");
            }

            seen = DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        var recorded = await sightings.RecordAsync(principal, new SightingReport { Value = value, Kind = kind.Value, Seen = seen }, cancellationToken);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!.Kind == ErrorKind.NotFound
                ? MispAnswer.Ok(new JsonObject { ["message"] = NoMatch })
                : MispAnswer.From(recorded.Error!, url);
        }

        var last = recorded.Value!.Sightings[^1];
        return MispAnswer.Ok(new JsonObject
        {
            ["Sighting"] = new JsonObject
            {
                ["id"] = last.Id,
                ["uuid"] = last.Id[(last.Id.IndexOf("--", StringComparison.Ordinal) + 2)..],
                ["attribute_id"] = last.SightingOf,
                ["attribute_uuid"] = last.SightingOf[(last.SightingOf.IndexOf("--", StringComparison.Ordinal) + 2)..],
                ["org_id"] = principal.OrganisationId?.ToString("D"),
                ["date_sighting"] = (seen ?? time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["source"] = body.TryGetProperty("source", out var source) ? source.ToString() : string.Empty,
                ["type"] = type is "" ? "0" : type,
                ["count"] = recorded.Value.Sightings.Count.ToString(CultureInfo.InvariantCulture),
            },
        });
    }
}
