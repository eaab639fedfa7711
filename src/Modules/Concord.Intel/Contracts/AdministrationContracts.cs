using Concord.Access;
using Concord.Intel.Observables.Exclusions;
using Concord.Intel.Observables.Warninglists;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>A correlation exclusion as node administrators manage it.</summary>
public sealed record ExclusionInfo(Guid Id, ExclusionKind Kind, string Value, string? Comment, DateTimeOffset Created, string? CreatedBy);

/// <summary>A loaded warninglist and how many values it has held since the lists were loaded (imports, lookups, exports).</summary>
public sealed record WarninglistStatus(Warninglist List, long Hits);

/// <summary>The node's warninglists: whether a folder is configured, and the lists in force.</summary>
public sealed record WarninglistsState(bool Configured, IReadOnlyList<WarninglistStatus> Lists);

/// <summary>A list, or entries of one, that a reload could not read; <paramref name="List"/> is its folder name only.</summary>
public sealed record WarninglistLoadProblem(string List, string Message);

/// <summary>
/// A background worker that follows the store in sequence order (scores, hit alerts, an observable index rebuild):
/// its persisted position and how many stored rows are after it (<paramref name="Behind"/>, counted up to
/// <see cref="IIntelAdministration.MaxCounted"/>). <paramref name="Active"/> is false for a rebuild that is not running.
/// </summary>
public sealed record FollowerStatus(string Name, string Purpose, bool Active, long Position, long HighWater, long Behind);

/// <summary>A queued or running background import, node-wide.</summary>
public sealed record QueuedImport(
    Guid Id, Guid OrganisationId, string RequestedBy, ImportJobState State, long BytesTotal, long BytesRead, long Processed,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt);

/// <summary>The background import queue: what waits and runs, and the failures of the last day.</summary>
public sealed record JobQueueStatus(int Queued, int Running, int FailedLastDay, IReadOnlyList<QueuedImport> Active);

/// <summary>How the node's store is doing, for its operators.</summary>
/// <param name="Provider">The database engine.</param>
/// <param name="SizeBytes">The database's size on disk, when the engine tells it.</param>
/// <param name="HighWater">The store's last sequence number (objects and deletions share it).</param>
/// <param name="LastAdded">When the newest object version was added.</param>
/// <param name="Followers">The followers of the store.</param>
/// <param name="Jobs">The background import queue.</param>
public sealed record NodeHealth(
    StorageProvider Provider, long? SizeBytes, long HighWater, DateTimeOffset? LastAdded, IReadOnlyList<FollowerStatus> Followers, JobQueueStatus Jobs);

/// <summary>
/// Node administration of the Intel module for the browser UI: the services behind <c>/api/v1/correlation/exclusions</c>
/// and <c>/api/v1/warninglists</c>, with their role (node admin; anyone else is refused), plus the node's health.
/// </summary>
public interface IIntelAdministration
{
    /// <summary>Counts of rows behind a follower stop here (an answer stays quick after a bulk import).</summary>
    const int MaxCounted = 1_000_000;

    Task<Result<IReadOnlyList<ExclusionInfo>>> ListExclusionsAsync(Principal principal, CancellationToken cancellationToken);

    /// <summary>A bad network or expression is refused as the REST API refuses it; applies to the next lookup.</summary>
    Task<Result<ExclusionInfo>> AddExclusionAsync(Principal principal, ExclusionKind kind, string? value, string? comment, CancellationToken cancellationToken);

    Task<Result<Guid>> DeleteExclusionAsync(Principal principal, Guid id, CancellationToken cancellationToken);

    Result<WarninglistsState> Warninglists(Principal principal);

    /// <summary>Loads the configured folder again (the hit counts start over); returns what could not be read.</summary>
    Result<IReadOnlyList<WarninglistLoadProblem>> ReloadWarninglists(Principal principal);

    Task<Result<NodeHealth>> HealthAsync(Principal principal, CancellationToken cancellationToken);
}
