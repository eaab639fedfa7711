using System.Collections.Frozen;

namespace Concord.Stix;

/// <summary>The STIX 2.1 object type names and the family each belongs to.</summary>
public static class StixTypes
{
    /// <summary>The STIX Domain Object types defined by STIX 2.1.</summary>
    public static readonly FrozenSet<string> DomainObjects = FrozenSet.Create(StringComparer.Ordinal,
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
        "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
        "opinion", "report", "threat-actor", "tool", "vulnerability");

    /// <summary>The STIX Relationship Object types.</summary>
    public static readonly FrozenSet<string> RelationshipObjects = FrozenSet.Create(StringComparer.Ordinal,
        "relationship", "sighting");

    /// <summary>The STIX Cyber-observable Object types defined by STIX 2.1.</summary>
    public static readonly FrozenSet<string> CyberObservables = FrozenSet.Create(StringComparer.Ordinal,
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
        "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
        "user-account", "windows-registry-key", "x509-certificate");

    /// <summary>The STIX Meta Object types.</summary>
    public static readonly FrozenSet<string> MetaObjects = FrozenSet.Create(StringComparer.Ordinal,
        "marking-definition", "language-content", "extension-definition");

    /// <summary>
    /// The family of a type name. Unknown and custom types count as domain objects, as the specification's
    /// custom-object rules treat them (custom SCOs are recognised by their extension only after parsing).
    /// </summary>
    public static StixKind KindOf(string type) =>
        type switch
        {
            "bundle" => StixKind.Bundle,
            _ when RelationshipObjects.Contains(type) => StixKind.RelationshipObject,
            _ when CyberObservables.Contains(type) => StixKind.CyberObservable,
            _ when MetaObjects.Contains(type) => StixKind.MetaObject,
            _ => StixKind.DomainObject,
        };

    /// <summary>True for any type defined by STIX 2.1 itself (not custom).</summary>
    public static bool IsStandard(string type) =>
        DomainObjects.Contains(type) || RelationshipObjects.Contains(type) || CyberObservables.Contains(type) || MetaObjects.Contains(type);
}
