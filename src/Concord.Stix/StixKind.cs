namespace Concord.Stix;

/// <summary>The families of STIX 2.1 objects.</summary>
public enum StixKind
{
    /// <summary>A STIX Domain Object (indicator, malware, report, ...), including custom <c>x-</c> types.</summary>
    DomainObject,

    /// <summary>A STIX Relationship Object: relationship or sighting.</summary>
    RelationshipObject,

    /// <summary>A STIX Cyber-observable Object (ipv4-addr, file, ...).</summary>
    CyberObservable,

    /// <summary>A STIX Meta Object: marking-definition, language-content, extension-definition.</summary>
    MetaObject,

    /// <summary>A bundle (not an object, but it travels like one).</summary>
    Bundle,
}
