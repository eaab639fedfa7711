using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>
/// The latest version of one stored STIX <c>sighting</c>, projected for counting: its target, count, times, kind
/// (custom property <c>x_concord_sighting_kind</c>) and whether the reporter is anonymous (<c>x_concord_anonymous</c>).
/// Its distribution is the sighting's own, so lists of sightings go through <see cref="Visibility"/>.
/// </summary>
internal sealed class SightingRecord : IShareable
{
    public required string StixId { get; set; }

    public Guid OwnerOrgId { get; set; }

    /// <summary>The stored row this projection was read from.</summary>
    public long Seq { get; set; }

    public long VersionUs { get; set; }

    /// <summary><c>sighting_of_ref</c>.</summary>
    public required string TargetId { get; set; }

    public SightingKind Kind { get; set; }

    public long Count { get; set; }

    public long? FirstSeenUs { get; set; }

    public long? LastSeenUs { get; set; }

    public bool Anonymous { get; set; }

    public bool Revoked { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }

    /// <summary>When it happened: <see cref="LastSeenUs"/>, else <see cref="FirstSeenUs"/>, else the version time.</summary>
    public long SeenUs => LastSeenUs ?? FirstSeenUs ?? VersionUs;
}

/// <summary>How far a background follower of the object table has got (a persisted high-water mark), and under which model.</summary>
internal sealed class FollowerMark
{
    public required string Name { get; set; }

    public long Position { get; set; }

    public string? Fingerprint { get; set; }
}
