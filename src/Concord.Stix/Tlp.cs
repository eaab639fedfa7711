namespace Concord.Stix;

/// <summary>Traffic Light Protocol 2.0 labels, ordered from least to most restrictive.</summary>
public enum Tlp
{
    /// <summary>TLP:CLEAR (TLP 1.0 WHITE): no limit on disclosure.</summary>
    Clear = 0,

    /// <summary>TLP:GREEN: the community, not public.</summary>
    Green = 1,

    /// <summary>TLP:AMBER: recipients' organisations and their clients, need to know.</summary>
    Amber = 2,

    /// <summary>TLP:AMBER+STRICT: the recipient's organisation only.</summary>
    AmberStrict = 3,

    /// <summary>TLP:RED: named recipients only.</summary>
    Red = 4,
}
