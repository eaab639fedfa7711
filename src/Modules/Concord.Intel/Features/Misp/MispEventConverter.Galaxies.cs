using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Galaxy clusters: ATT&amp;CK techniques, threat actors, intrusion sets, malware, tools… become their STIX objects
/// (<c>&lt;type&gt;--&lt;cluster uuid&gt;</c>, once per event however often they are attached), with their ATT&amp;CK ids as
/// external references; clusters of other galaxies are kept as <c>x-misp-galaxy-cluster</c>. A cluster on the event is
/// listed by the report; one on an attribute is also related to what the attribute became.
/// </summary>
internal sealed partial class MispEventConverter
{
    private static readonly string[] TimeFields = ["created", "modified", "first_seen", "last_seen"];

    private HashSet<string> EventGalaxies()
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (galaxy, index) in _event.Items("Galaxy").Select((g, i) => (g, i)))
        {
            var stixType = MispGalaxyTypes.StixType(galaxy.Text("type") ?? string.Empty);
            foreach (var id in Clusters(galaxy, stixType, _eventTime, $"{_path}.Galaxy[{index}]"))
            {
                AddRef(id, _distribution);
            }

            if (stixType is not null)
            {
                tags.UnionWith(GalaxyTags(galaxy));
            }
        }

        return tags;
    }

    /// <summary>The galaxies on an attribute, related to <paramref name="sourceId"/>; null when it has none (then every tag is a label).</summary>
    private HashSet<string>? AttributeGalaxies(MispAttr a, string sourceId) => ElementGalaxies(a.Json.Items("Galaxy"), sourceId, a.Timestamp, a.Distribution, a.Origin);

    private HashSet<string>? ElementGalaxies(IEnumerable<JsonElement> galaxies, string sourceId, DateTimeOffset time, MispDistribution distribution, IngestOrigin origin)
    {
        HashSet<string>? tags = null;
        var sourceType = sourceId[..sourceId.IndexOf("--", StringComparison.Ordinal)];
        foreach (var galaxy in galaxies)
        {
            tags ??= new HashSet<string>(StringComparer.Ordinal);
            var stixType = MispGalaxyTypes.StixType(galaxy.Text("type") ?? string.Empty);
            foreach (var id in Clusters(galaxy, stixType, time, origin.Path))
            {
                var targetType = id[..id.IndexOf("--", StringComparison.Ordinal)];
                _relationships.Add(new Relationship(sourceId, MispGalaxyTypes.RelationshipType(sourceType, targetType), id, time, distribution, origin));
                AddRef(id, distribution);
            }

            tags.UnionWith(GalaxyTags(galaxy));
        }

        return tags;
    }

    private static IEnumerable<string> GalaxyTags(JsonElement galaxy) =>
        galaxy.Items("GalaxyCluster").Select(c => $"misp-galaxy:{galaxy.Text("type")}=\"{c.Text("value")}\"");

    private List<string> Clusters(JsonElement galaxy, string? stixType, DateTimeOffset time, string path)
    {
        List<string> ids = [];
        foreach (var cluster in galaxy.Items("GalaxyCluster"))
        {
            var value = cluster.Text("value") ?? string.Empty;
            var clusterType = cluster.Text("type") ?? galaxy.Text("type") ?? string.Empty;
            var given = cluster.Text("uuid");

            // Old exports carry clusters with an empty uuid (misp-stix then fails the whole file): the galaxy's type and the
            // cluster's value name it in MISP, so they derive its id (difference "cluster-without-uuid").
            var uuid = Guid.TryParseExact(given?.Trim(), "D", out var parsed) ? parsed.ToString("D") : MispStix.DerivedUuid($"galaxy-cluster:{clusterType}:{value}");
            if (_clusters.TryGetValue(uuid, out var known))
            {
                ids.Add(known);
                continue;
            }

            var stix = stixType is null ? CustomCluster(galaxy, cluster, uuid, time) : Cluster(galaxy, cluster, stixType, uuid, time);
            Mark(stix, null);

            // Written with the report, once its widest use is known: a cluster on an attribute only its owner sees is
            // shared no wider than that attribute.
            var origin = new IngestOrigin(path, $"{MispText.Describe(_uuid, _info, null, null)}, galaxy cluster {uuid} \"{MispText.Short(value)}\"");
            _clusterOutputs[stix.Id] = new MispOutput(stix.Id, stix.ToUtf8(), origin, default);
            _clusters[uuid] = stix.Id;
            ids.Add(stix.Id);
        }

        return ids;
    }

    private static StixObj Cluster(JsonElement galaxy, JsonElement cluster, string stixType, string uuid, DateTimeOffset time)
    {
        var value = cluster.Text("value") ?? string.Empty;
        var clusterType = cluster.Text("type") ?? string.Empty;
        if (clusterType.StartsWith("mitre-", StringComparison.Ordinal) && value.Contains(" - ", StringComparison.Ordinal))
        {
            value = value[..value.IndexOf(" - ", StringComparison.Ordinal)].Trim();
        }

        var stix = new StixObj(stixType, $"{stixType}--{uuid}").Set("name", value).Set("labels", Labels(galaxy, cluster));
        if (cluster.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            stix.Set("description", description.GetString());
        }

        if (cluster.Child("meta") is { } meta)
        {
            ClusterMeta.Apply(stix, stixType, meta, value);
        }

        AttackId(stix, cluster.Text("value") ?? string.Empty, clusterType);
        if (stixType == "malware" && !stix.Has("is_family"))
        {
            // STIX 2.1 requires it; misp-stix says false when the cluster does not.
            stix.Set("is_family", false);
        }

        Times(stix, time);
        return stix;
    }

    private static StixObj CustomCluster(JsonElement galaxy, JsonElement cluster, string uuid, DateTimeOffset time)
    {
        var stix = new StixObj("x-misp-galaxy-cluster", $"x-misp-galaxy-cluster--{uuid}").Set("labels", Labels(galaxy, cluster))
            .Set("x_misp_name", galaxy.Text("name")).Set("x_misp_type", cluster.Text("type")).Set("x_misp_value", cluster.Text("value"))
            .Set("x_misp_description", $"{galaxy.Text("description")} | {cluster.Text("description")}");
        if (cluster.Child("meta") is { } meta)
        {
            var fields = new StixObj();
            foreach (var field in meta.EnumerateObject())
            {
                fields.Set(ClusterMeta.Sanitise(field.Name), field.Value.Clone());
            }

            stix.Set("x_misp_meta", fields);
        }

        return stix.Set("created", MispTime.Stamp(time)).Set("modified", MispTime.Stamp(time));
    }

    private static List<object?> Labels(JsonElement galaxy, JsonElement cluster)
    {
        List<object?> labels = [$"misp:galaxy-name=\"{galaxy.Text("name")}\"", $"misp:galaxy-type=\"{cluster.Text("type")}\""];
        if (cluster.Text("tag_name") is { Length: > 0 } tag)
        {
            labels.Add(tag);
        }

        return labels;
    }

    /// <summary>created/modified from the cluster's meta when it has them, else the time of what carries it.</summary>
    private static void Times(StixObj stix, DateTimeOffset time)
    {
        var created = stix["created"] as string;
        var modified = stix["modified"] as string;
        stix.Set("created", created ?? modified ?? MispTime.Stamp(time)).Set("modified", modified ?? created ?? MispTime.Stamp(time));
    }

    /// <summary>
    /// MISP writes ATT&amp;CK's id in a mitre cluster's value ("Spearphishing Attachment - T1193"); when the cluster's meta
    /// has no mitre-attack external_id, Concord adds it from there so the technique is found by its id (difference "attack-ids").
    /// </summary>
    private static void AttackId(StixObj stix, string value, string clusterType)
    {
        var at = value.LastIndexOf(" - ", StringComparison.Ordinal);
        if (!clusterType.StartsWith("mitre-", StringComparison.Ordinal) || at < 0)
        {
            return;
        }

        var id = value[(at + 3)..].Trim();
        if (!ClusterMeta.IsAttackId(id))
        {
            return;
        }

        var references = stix.List("external_references");
        if (!references.OfType<StixObj>().Any(r => r["source_name"] as string == "mitre-attack" && r["external_id"] as string == id))
        {
            references.Insert(0, new StixObj().Set("source_name", "mitre-attack").Set("external_id", id));
        }
    }
}
