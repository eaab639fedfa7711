using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>
/// One stored version of a STIX object: its exact bytes plus the columns filters and visibility need.
/// Times are microseconds since the Unix epoch so both providers sort and compare them the same way.
/// </summary>
internal sealed class StoredObject : IShareable
{
    /// <summary>The node-local, strictly increasing sequence (the cursor behind <c>date_added</c>).</summary>
    public long Seq { get; set; }

    public required string StixId { get; set; }

    public required string Type { get; set; }

    public string? SpecVersion { get; set; }

    public string? Created { get; set; }

    /// <summary>The version as written (<c>modified</c>, else <c>created</c>).</summary>
    public string? Modified { get; set; }

    public long? CreatedUs { get; set; }

    public long? ModifiedUs { get; set; }

    /// <summary>The version key: <see cref="ModifiedUs"/>, else <see cref="CreatedUs"/>, else 0. (StixId, VersionUs) is unique.</summary>
    public long VersionUs { get; set; }

    public bool Revoked { get; set; }

    public string? CreatedByRef { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Labels joined as <c>|a|b|</c>, so one label is matched with <c>LIKE '%|a|%'</c>.</summary>
    public string? Labels { get; set; }

    /// <summary>True on the newest version of the id held by this owner.</summary>
    public bool Latest { get; set; }

    /// <summary>
    /// True when no other organisation holds a row of this id: this row's copy is the id's only copy, so it is the
    /// primary copy for every reader who may see it (<see cref="Features.Objects.Copies"/>). Every writer keeps it exact
    /// in its transaction; a rule may trust it only when true (false says "look at the other copies").
    /// </summary>
    public bool SoleCopy { get; set; }

    public long DateAddedUs { get; set; }

    public Guid OwnerOrgId { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }

    public required byte[] Json { get; set; }

    /// <summary>
    /// What identical copies share (<see cref="Features.Import.ContentHash"/>); null on a row stored before the column
    /// existed, until the background fill reaches it (such a row is identical to no other).
    /// </summary>
    public byte[]? ContentHash { get; set; }
}

/// <summary>
/// What is kept of one deleted version (its id, version and that version's distribution), so federation can tell the
/// peers that could see that version to drop it. <see cref="ObjectDeleted"/> marks the deletion that left the owner
/// no version of the object.
/// </summary>
internal sealed class Tombstone : IShareable
{
    public long Seq { get; set; }

    public required string StixId { get; set; }

    /// <summary>The deleted version as written (<c>modified</c>, else <c>created</c>; null for an SCO).</summary>
    public string? Version { get; set; }

    public long VersionUs { get; set; }

    public bool ObjectDeleted { get; set; }

    public long DeletedAtUs { get; set; }

    public Guid OwnerOrgId { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }
}
