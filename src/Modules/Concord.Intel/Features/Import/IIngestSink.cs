namespace Concord.Intel.Features.Import;

/// <summary>
/// A provider's bulk path into the store. It holds one connection and one open transaction; rows are added,
/// flushed in batches (which yields the stored/duplicate counts), and committed or rolled back at the end.
/// </summary>
internal interface IIngestSink : IAsyncDisposable
{
    /// <summary>Opens the connection and transaction and reads the sequence high-water marks.</summary>
    Task BeginAsync(CancellationToken cancellationToken);

    ValueTask AddAsync(IngestRow row, CancellationToken cancellationToken);

    /// <summary>Writes what is buffered; returns how many rows since the last flush were stored and how many were already there.</summary>
    Task<(long Stored, long Duplicates)> FlushAsync(CancellationToken cancellationToken);

    /// <summary>Runs a statement inside the import transaction (the job checkpoint), so both commit together.</summary>
    Task ExecuteAsync(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken);

    /// <summary>Commits; when <paramref name="continueAfter"/>, starts the next transaction on the same connection.</summary>
    Task CommitAsync(bool continueAfter, CancellationToken cancellationToken);

    Task RollbackAsync(CancellationToken cancellationToken);
}
