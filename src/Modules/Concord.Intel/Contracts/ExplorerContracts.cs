using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>How a property changed between two versions.</summary>
public enum PropertyChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One top-level property that differs; values are compact JSON text (null when absent).</summary>
public sealed record PropertyChange(string Property, PropertyChangeKind Kind, string? Before, string? After);

/// <summary>The property-level difference between two versions of one object.</summary>
public sealed record VersionDiff(string Id, string? FromVersion, string? ToVersion, IReadOnlyList<PropertyChange> Changes);

/// <summary>Which way a link points, seen from the object in question.</summary>
public enum LinkDirection
{
    /// <summary>The object refers to the other one (its <c>*_ref</c>/<c>*_refs</c>, or a relationship it is the source of).</summary>
    Outgoing,

    /// <summary>The other object refers to this one (a relationship targeting it, a report or note listing it, a sighting of it).</summary>
    Incoming,
}

/// <summary>A visible object at the other end of a link; its name when it has one.</summary>
public sealed record LinkedObject(string Id, string Type, string? Name, bool Revoked);

/// <summary>
/// One link of an object. <see cref="Kind"/> is the relationship type (<c>indicates</c>) when <see cref="Via"/> is the
/// relationship SRO carrying it, otherwise the referring property (<c>object_refs</c>, <c>sighting_of_ref</c>).
/// </summary>
public sealed record ObjectLink(LinkDirection Direction, string Kind, LinkedObject Other, LinkedObject? Via);

/// <summary>
/// The links of one object, each one to an object the reader may see; links to hidden objects are left out, not
/// hinted at. <see cref="Truncated"/> says more referring objects exist than were read.
/// </summary>
public sealed record ObjectLinks(LinkedObject Object, IReadOnlyList<ObjectLink> Links, bool Truncated);

/// <summary>Reading around one object: how it changed, and what it is linked to. Every read goes through visibility.</summary>
public interface IIntelExplorer
{
    /// <summary>
    /// The difference between two visible versions of <paramref name="id"/> (STIX timestamps); a null
    /// <paramref name="fromVersion"/> means the version before <paramref name="toVersion"/>, a null
    /// <paramref name="toVersion"/> the latest.
    /// </summary>
    Task<Result<VersionDiff>> DiffAsync(Principal principal, string id, string? fromVersion, string? toVersion, CancellationToken cancellationToken);

    /// <summary>As <see cref="DiffAsync(Principal, string, string?, string?, CancellationToken)"/>, between versions of one organisation's copy (null: the primary copy).</summary>
    Task<Result<VersionDiff>> DiffAsync(Principal principal, string id, string? fromVersion, string? toVersion, Guid? owner, CancellationToken cancellationToken);

    /// <summary>The object's relationships and references, both ways, to visible objects only.</summary>
    Task<Result<ObjectLinks>> LinksAsync(Principal principal, string id, CancellationToken cancellationToken);

    /// <summary>
    /// The referenced ids the principal may see (each one's primary copy, latest version), named; ids it may not see
    /// are absent, exactly like unknown ones.
    /// </summary>
    Task<IReadOnlyDictionary<string, ReferencedObject>> ReferencedAsync(Principal principal, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Why one organisation's indicator copy scores what it does now. Not found unless the principal may read that
    /// copy's latest version (the score is computed from it) and the score has been computed.
    /// </summary>
    Task<Result<ScoreExplanation>> ScoreAsync(Principal principal, string id, Guid owner, CancellationToken cancellationToken);

    /// <summary>
    /// The recipients of a version of one organisation's copy (null: the latest), shared with named recipients or a
    /// sharing group. Not found when the principal may not read it; null when there is nothing to show this principal:
    /// recipients are shown only to the owner and to members of the audience itself, never to anyone else who may read
    /// the object, and never an anonymous sighting's (its audience would name its reporter).
    /// </summary>
    Task<Result<ObjectRecipients?>> RecipientsAsync(Principal principal, string id, string? version, Guid owner, CancellationToken cancellationToken);
}
