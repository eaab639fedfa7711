namespace Concord.Platform.Feeds;

/// <summary>What happened to a shareable record.</summary>
public enum ChangeKind
{
    /// <summary>The record's first version (for the owner: another organisation's copy of the same id is its own record).</summary>
    Created,

    /// <summary>A later version whose reach is the same as or wider than the one before it.</summary>
    Versioned,

    /// <summary>A version that revokes the record.</summary>
    Revoked,

    /// <summary>The record, or one of its versions, was deleted (a tombstone).</summary>
    Deleted,

    /// <summary>
    /// A later version whose reach is narrower than the one before it (a stricter TLP, a narrower scope, another
    /// audience): whoever holds a copy its readers may no longer read must let it go (federation's retraction).
    /// </summary>
    Narrowed,
}

/// <summary>
/// One entry of a module's change feed. It names the record and what happened, not what the record says: a follower
/// reads the record itself, through the visibility door, for each reader it acts for.
/// </summary>
/// <param name="Seq">The feed's position: strictly increasing in commit order within the module. Cursors are positions.</param>
/// <param name="RecordType">The record's type (for STIX objects, the STIX type: <c>indicator</c>).</param>
/// <param name="RecordId">The record's id (a STIX id for objects).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Version">The version concerned, in microseconds since the epoch (a STIX <c>modified</c>); null where none.</param>
/// <param name="OwnerOrgId">The organisation that owns the record.</param>
/// <param name="AtUs">When the change was stored, in microseconds since the epoch.</param>
public sealed record FeedChange(long Seq, string RecordType, string RecordId, ChangeKind Kind, long? Version, Guid OwnerOrgId, long AtUs);

/// <summary>
/// A module's change feed: its shareable records' changes in commit order, read from a cursor. Durable (it is read from
/// the module's tables), so a follower that keeps its cursor with its work resumes after a crash. A change that a later
/// one undid (a version since deleted) may be left out; the change that undid it never is.
/// </summary>
public interface IChangeFeed
{
    /// <summary>The module whose records the feed describes.</summary>
    string Module { get; }

    /// <summary>Up to <paramref name="limit"/> changes after position <paramref name="after"/>, in order.</summary>
    Task<IReadOnlyList<FeedChange>> ReadAsync(long after, int limit, CancellationToken cancellationToken);
}
