using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Intel.Features.Scoring;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Galaxy clusters (ATT&amp;CK techniques, threat actors, intrusion sets, malware, tools…) and sightings. A cluster the
/// import made keeps its galaxy's name and type (its <c>misp:galaxy-*</c> labels); others take the galaxy MISP files
/// their STIX type under. A technique's ATT&amp;CK id is written in the cluster's value as MISP's mitre galaxies do.
/// </summary>
internal sealed partial class MispEventBuilder
{
    private static readonly string[] ClusterTypes = ["attack-pattern", "course-of-action", "intrusion-set", "malware", "threat-actor", "tool", "x-misp-galaxy-cluster"];

    private static bool IsCluster(MispExportItem item) =>
        ClusterTypes.Contains(item.Type) || (item.Type is "vulnerability" or "campaign" && item.Label("misp:galaxy-type") is not null);

    /// <summary>The galaxies of <paramref name="clusters"/>; their tags are added to <paramref name="tags"/> when given (the event's).</summary>
    private static JsonArray Galaxies(IEnumerable<MispExportItem> clusters, JsonArray? tags)
    {
        var galaxies = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            var type = cluster.Label("misp:galaxy-type") ?? cluster.Text("x_misp_type") ?? DefaultGalaxy(cluster.Type);
            var value = cluster.Text("x_misp_value") ?? Value(cluster, type);
            var tag = cluster.Labels.FirstOrDefault(l => l.StartsWith("misp-galaxy:", StringComparison.Ordinal)) ?? $"misp-galaxy:{type}=\"{value}\"";
            if (!galaxies.TryGetValue(type, out var galaxy))
            {
                galaxies[type] = galaxy = new JsonObject
                {
                    ["name"] = cluster.Label("misp:galaxy-name") ?? cluster.Text("x_misp_name") ?? type,
                    ["type"] = type,
                    ["GalaxyCluster"] = new JsonArray(),
                };
            }

            var entry = new JsonObject { ["uuid"] = cluster.Uuid, ["type"] = type, ["value"] = value, ["tag_name"] = tag };
            if (cluster.Text("description") is { } description)
            {
                entry["description"] = description;
            }

            if (Meta(cluster) is { Count: > 0 } meta)
            {
                entry["meta"] = meta;
            }

            ((JsonArray)galaxy["GalaxyCluster"]!).Add(entry);
            if (tags is not null && !tags.Any(t => (string?)t!["name"] == tag))
            {
                tags.Add(new JsonObject { ["name"] = tag });
            }
        }

        return [.. galaxies.Values];
    }

    private static string DefaultGalaxy(string stixType) => stixType switch
    {
        "attack-pattern" => "mitre-attack-pattern",
        "course-of-action" => "mitre-course-of-action",
        "intrusion-set" => "mitre-intrusion-set",
        "malware" => "mitre-malware",
        "tool" => "mitre-tool",
        _ => stixType,
    };

    /// <summary>The cluster's value: its name, and for MITRE galaxies its ATT&amp;CK id after " - ", as MISP writes them.</summary>
    private static string Value(MispExportItem cluster, string galaxyType)
    {
        var name = cluster.Text("name") ?? cluster.Uuid;
        return galaxyType.StartsWith("mitre-", StringComparison.Ordinal) && AttackId(cluster) is { } id ? $"{name} - {id}" : name;
    }

    private static string? AttackId(MispExportItem cluster) => References(cluster)
        .Where(r => r.TryGetProperty("source_name", out var s) && s.GetString() is "mitre-attack" or "mitre-ics-attack" or "mitre-mobile-attack")
        .Select(r => r.TryGetProperty("external_id", out var e) ? e.GetString() : null).FirstOrDefault(e => e is not null);

    private static IEnumerable<JsonElement> References(MispExportItem cluster) =>
        cluster.Json.TryGetProperty("external_references", out var refs) && refs.ValueKind == JsonValueKind.Array ? refs.EnumerateArray() : [];

    /// <summary>The meta MISP keeps for a cluster: synonyms (aliases), refs (URLs) and external ids.</summary>
    private static JsonObject Meta(MispExportItem cluster)
    {
        var meta = new JsonObject();
        if (cluster.Strings("aliases") is { Count: > 0 } aliases)
        {
            meta["synonyms"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]);
        }

        var urls = References(cluster).Select(r => r.TryGetProperty("url", out var u) ? u.GetString() : null).OfType<string>().ToList();
        if (urls.Count > 0)
        {
            meta["refs"] = new JsonArray([.. urls.Select(u => (JsonNode)u)]);
        }

        var ids = References(cluster).Select(r => r.TryGetProperty("external_id", out var e) ? e.GetString() : null).OfType<string>().ToList();
        if (ids.Count > 0)
        {
            meta["external_id"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]);
        }

        return meta;
    }

    /// <summary>The sightings of what <paramref name="items"/> are, once each.</summary>
    private JsonArray Sightings(IEnumerable<MispExportItem> items)
    {
        var array = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sighting in items.SelectMany(i => _sightings.GetValueOrDefault(i.Id, [])).Where(s => seen.Add(s.Id)))
        {
            var entry = new JsonObject
            {
                ["uuid"] = sighting.Uuid,
                ["date_sighting"] = Epoch(Time(sighting.Text("first_seen") ?? sighting.Text("created")!)),
                ["type"] = sighting.Text(ScoreInputs.KindProperty) switch { "false-positive" => "1", "expiration" => "2", _ => "0" },
                ["source"] = sighting.Text("description") ?? string.Empty,
            };
            if (sighting.Strings("where_sighted_refs").FirstOrDefault() is { } where && Organisation(where) is { } organisation)
            {
                entry["Organisation"] = organisation;
            }

            array.Add(entry);
        }

        return array;
    }
}
