using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<ImportJobState>))]
public enum ImportJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A background import as its owner sees it.</summary>
public sealed record ImportJobStatus(
    Guid Id,
    ImportJobState State,
    ImportPolicy Policy,
    long BytesTotal,
    long BytesRead,
    long Processed,
    long Stored,
    long Duplicates,
    long Rejected,
    long Warninglisted,
    IReadOnlyList<RejectedObject> Errors,
    bool ErrorsTruncated,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The body's format once the worker has read it (<c>stix</c> or <c>misp</c>); null while queued.</summary>
    public string? Format { get; init; }

    /// <summary>For a finished MISP import: what was read and left out (see <see cref="ImportReport.Misp"/>).</summary>
    public MispImportSummary? Misp { get; init; }
}

/// <summary>Background imports: a bundle is spooled to the data folder and imported by a worker that survives restarts.</summary>
public interface IImportJobs
{
    /// <summary>Spools <paramref name="bundle"/> and queues it. Fails with <see cref="ErrorKind.TooLarge"/> past the size limit.</summary>
    Task<Result<ImportJobStatus>> SubmitAsync(Principal principal, Stream bundle, ImportOptions options, CancellationToken cancellationToken);

    /// <summary>A job of the principal's organisation; other organisations' jobs are not found.</summary>
    Task<Result<ImportJobStatus>> GetAsync(Principal principal, Guid id, CancellationToken cancellationToken);

    /// <summary>The principal's organisation's jobs, newest first.</summary>
    Task<IReadOnlyList<ImportJobStatus>> ListAsync(Principal principal, int limit, CancellationToken cancellationToken);
}
