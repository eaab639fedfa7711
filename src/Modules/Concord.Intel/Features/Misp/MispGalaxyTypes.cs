using System.Collections.Frozen;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Which STIX object a MISP galaxy cluster becomes, by galaxy type (misp-stix's table), how its <c>meta</c> fields map,
/// and the relationship type from an attribute's object to the cluster.
/// </summary>
internal static class MispGalaxyTypes
{
    private static readonly FrozenDictionary<string, string> ByGalaxyType = Build();

    // Meta keys mapped per STIX type (else x_misp_<key>); "single" ones keep their first value only.
    private static readonly FrozenDictionary<string, (string[] Multi, string[] Single)> Generic = new Dictionary<string, (string[], string[])>
    {
        ["campaign"] = ([], ["objective"]),
        ["intrusion-set"] = (["goals", "secondary_motivations"], ["primary_motivation", "resource_level"]),
        ["tool"] = ([], ["tool_version"]),
        ["malware"] = (["architecture_execution_envs", "capabilities", "implementation_languages"], []),
        ["threat-actor"] = (["goals", "personal_motivations", "roles", "secondary_motivations"], ["resource_level", "primary_motivation", "sophistication"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Special = new Dictionary<string, FrozenDictionary<string, string>>
    {
        ["attack-pattern"] = Map(("kill_chain", "kill-chain"), ("synonyms", "aliases")),
        ["campaign"] = Map(("synonyms", "aliases")),
        ["intrusion-set"] = Map(("synonyms", "aliases")),
        ["malware"] = Map(("is_family", "is-family"), ("kill_chain", "kill-chain"), ("labels", "malware_types"), ("malware_types", "malware_types"), ("synonyms", "aliases"), ("type", "malware_types")),
        ["threat-actor"] = Map(("labels", "threat_actor_types"), ("synonyms", "aliases"), ("threat_actor_types", "threat_actor_types"), ("type", "threat_actor_types")),
        ["tool"] = Map(("kill_chain", "kill-chain"), ("labels", "tool_types"), ("synonyms", "aliases"), ("tool_types", "tool_types"), ("type", "tool_types")),
        ["vulnerability"] = Map(("aliases", "external-ids")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Relationships = new Dictionary<string, FrozenDictionary<string, string>>
    {
        ["attack-pattern"] = Map(("identity", "targets"), ("location", "targets"), ("tool", "uses"), ("vulnerability", "targets")),
        ["campaign"] = Map(("attack-pattern", "uses"), ("identity", "targets"), ("intrusion-set", "attributed-to"), ("malware", "uses"), ("threat-actor", "attributed-to"), ("tool", "uses"), ("vulnerability", "targets")),
        ["course-of-action"] = Map(("attack-pattern", "mitigates"), ("tool", "mitigates")),
        ["indicator"] = Map(("attack-pattern", "indicates"), ("campaign", "indicates"), ("intrusion-set", "indicates"), ("malware", "indicates"), ("observed-data", "based-on"), ("threat-actor", "indicates"), ("tool", "indicates")),
        ["intrusion-set"] = Map(("attack-pattern", "uses"), ("identity", "targets"), ("malware", "uses"), ("threat-actor", "attributed-to"), ("tool", "uses"), ("vulnerability", "targets")),
        ["malware"] = Map(("attack-pattern", "uses"), ("intrusion-set", "authored-by"), ("threat-actor", "authored-by")),
        ["threat-actor"] = Map(("attack-pattern", "uses"), ("malware", "uses"), ("tool", "uses"), ("vulnerability", "targets")),
        ["tool"] = Map(("identity", "targets"), ("location", "targets")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The STIX type a cluster of this galaxy type becomes; null: kept as <c>x-misp-galaxy-cluster</c>.</summary>
    public static string? StixType(string galaxyType) => ByGalaxyType.GetValueOrDefault(galaxyType);

    public static (string[] Multi, string[] Single) GenericMeta(string stixType) => Generic.GetValueOrDefault(stixType, ([], []));

    /// <summary>How a meta key is read for a STIX type; null when the type has no special reading (then x_misp_&lt;key&gt;).</summary>
    public static string? SpecialMeta(string stixType, string key) => Special.TryGetValue(stixType, out var map) ? map.GetValueOrDefault(key) : null;

    /// <summary>Whether misp-stix reads the meta of this STIX type field by field (else every field becomes x_misp_&lt;key&gt;).</summary>
    public static bool HasMetaMapping(string stixType) => Special.ContainsKey(stixType);

    public static string RelationshipType(string sourceType, string targetType) =>
        Relationships.TryGetValue(sourceType, out var map) ? map.GetValueOrDefault(targetType, "related-to") : "related-to";

    private static FrozenDictionary<string, string> Map(params (string Key, string Value)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Build()
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal) { ["branded-vulnerability"] = "vulnerability" };
        void Add(string stixType, params string[] galaxies)
        {
            foreach (var galaxy in galaxies)
            {
                types[galaxy] = stixType;
            }
        }

        Add("attack-pattern", "cmtmf-attack-pattern", "mitre-attack-pattern", "mitre-enterprise-attack-attack-pattern", "mitre-ics-techniques", "mitre-mobile-attack-attack-pattern", "mitre-pre-attack-attack-pattern");
        Add("course-of-action", "mitre-course-of-action", "mitre-enterprise-attack-course-of-action", "mitre-mobile-attack-course-of-action");
        Add("intrusion-set", "mitre-enterprise-attack-intrusion-set", "mitre-intrusion-set", "mitre-mobile-attack-intrusion-set", "mitre-pre-attack-intrusion-set");
        Add("malware", "android", "backdoor", "banker", "cryptominers", "malpedia", "mitre-enterprise-attack-malware", "mitre-ics-software", "mitre-malware", "mitre-mobile-attack-malware", "ransomware", "stealer");
        Add("threat-actor", "360net-threat-actor", "microsoft-activity-group", "mitre-ics-groups", "threat-actor");
        Add("tool", "botnet", "rat", "exploit-kit", "tds", "tool", "mitre-tool", "mitre-enterprise-attack-tool", "mitre-mobile-attack-tool");
        foreach (var generic in new[] { "attack-pattern", "campaign", "course-of-action", "intrusion-set", "malware", "threat-actor", "tool", "vulnerability" })
        {
            Add(generic, $"stix-2.0-{generic}", $"stix-2.1-{generic}");
        }

        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
