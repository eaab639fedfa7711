using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>
/// The Intel object store. Every read is filtered by <see cref="Visibility"/> for the given principal, so REST,
/// TAXII, exports and the CLI share one path; an object the principal may not read is reported as not found.
/// </summary>
public interface IIntelStore
{
    /// <summary>Streams a STIX bundle into the store with the bulk path of the configured provider.</summary>
    Task<Result<ImportReport>> ImportAsync(Principal principal, Stream bundle, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken);

    /// <summary>One page of objects the principal may read.</summary>
    Task<ObjectPage> QueryAsync(Principal principal, ObjectQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// How many objects the principal may read match the query, as its numbered pages list them (identical copies once),
    /// counting at most <paramref name="cap"/> + 1. Objects a warninglist would leave out are counted.
    /// </summary>
    Task<ObjectCount> CountAsync(Principal principal, ObjectQuery query, int cap, CancellationToken cancellationToken);

    /// <summary>Every object matching the query the principal may read, page by page (bounded memory).</summary>
    IAsyncEnumerable<StoredStixObject> StreamAsync(Principal principal, ObjectQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The latest visible version of an object's primary copy (see <see cref="GetCopyAsync"/>), or the given version
    /// (a STIX timestamp).
    /// </summary>
    Task<Result<StoredStixObject>> GetAsync(Principal principal, string id, string? version, CancellationToken cancellationToken);

    /// <summary>
    /// One organisation's copy of an object (<paramref name="owner"/>; null: the primary copy — of the copies the
    /// principal may see, the one stored first on this node), its latest visible version or the given one, with the
    /// other visible copies listed (<see cref="StoredStixObject.OtherCopies"/>).
    /// </summary>
    Task<Result<StoredStixObject>> GetCopyAsync(Principal principal, string id, string? version, Guid? owner, CancellationToken cancellationToken);

    /// <summary>Every visible version of an object's primary copy, oldest first.</summary>
    Task<Result<IReadOnlyList<StoredStixObject>>> VersionsAsync(Principal principal, string id, CancellationToken cancellationToken);

    /// <summary>Every visible version of one organisation's copy (null: the primary copy), oldest first.</summary>
    Task<Result<IReadOnlyList<StoredStixObject>>> CopyVersionsAsync(Principal principal, string id, Guid? owner, CancellationToken cancellationToken);

    /// <summary>Adds a new version with <c>revoked: true</c>, built from the owner's latest version.</summary>
    Task<Result<StoredStixObject>> RevokeAsync(Principal principal, string id, CancellationToken cancellationToken);

    /// <summary>Removes every version of an object the principal's organisation owns, with a tombstone per version.</summary>
    Task<Result<DeletedObject>> DeleteAsync(Principal principal, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the named versions (STIX timestamps: <c>modified</c>, else <c>created</c>), all or none: each must be
    /// visible to the principal and owned by its organisation. The newest remaining version becomes the latest.
    /// </summary>
    Task<Result<DeletedObject>> DeleteVersionsAsync(Principal principal, string id, IReadOnlyCollection<string> versions, CancellationToken cancellationToken);
}
