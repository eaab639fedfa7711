using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>
/// How many stored copies of one kind a distribution holds, by the UTC day they were added: the current version
/// (latest for its owner, not revoked) of each object counts once per owner organisation. Kept by database triggers
/// on <c>stix_objects</c> in the writing transaction, so it is exact after every import, revocation and deletion. A
/// bucket is shareable like the objects it counts, so <see cref="Visibility"/> filters it directly and what a reader
/// sees is the exact sum over the objects it may read.
/// </summary>
internal sealed class ObjectCount : IShareable
{
    public Guid OwnerOrgId { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }

    /// <summary>The audience or the empty UUID: part of the key (a key column cannot be null).</summary>
    public Guid AudienceKey { get; set; }

    public required string Type { get; set; }

    /// <summary>Days since the Unix epoch (UTC) of <c>date_added</c>.</summary>
    public long Day { get; set; }

    /// <summary>False for sightings whose reporter chose anonymity: only the reporter sees them under its own name.</summary>
    public bool Named { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// How many current relationships of one distribution, added on one day, point at one attack-pattern (an ATT&amp;CK
/// technique): the dashboard's top techniques. Kept like <see cref="ObjectCount"/>.
/// </summary>
internal sealed class TechniqueUse : IShareable
{
    public Guid OwnerOrgId { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }

    public Guid AudienceKey { get; set; }

    public long Day { get; set; }

    public required string TechniqueRef { get; set; }

    public long Count { get; set; }
}
