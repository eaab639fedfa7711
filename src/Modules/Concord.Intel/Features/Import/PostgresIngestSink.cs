using Concord.Intel.Features.Correlation;
using Npgsql;

namespace Concord.Intel.Features.Import;

/// <summary>
/// PostgreSQL's bulk path. Rows collect into batches of distinct ids; each batch is written while the next one fills
/// (parsing and validating go on during the server's work), on the one connection and in the one transaction.
/// A batch first asks which of its ids its owner already holds: rows of ids new to that owner are copied straight into
/// <c>stix_objects</c> (nothing to deduplicate, each is its copy's latest version); the others take the staging path
/// (<see cref="PostgresBatchWriter"/>), which deduplicates and moves the <c>latest</c> flag.
/// </summary>
internal sealed class PostgresIngestSink(string connectionString, TimeProvider time, PrefixCache prefixes) : IIngestSink
{
    /// <summary>Serialises writers across processes too: the sequence must be handed out in commit order.</summary>
    internal const long IngestLockKey = 0x436f6e636f7264;

    /// <summary>Rows per batch: enough that the per-batch round trips vanish.</summary>
    internal const int BatchRows = 5000;

    /// <summary>Encoded bytes per batch, so two batches in memory stay a few MB whatever the objects' sizes.</summary>
    internal const int BatchBytes = 8 << 20;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlTransaction? _transaction;
    private NodeSequence? _sequence;
    private CopyBatch _filling = new(prefixes);
    private CopyBatch _written = new(prefixes);
    private readonly PostgresIndexBuffer _index = new();
    private Task<(long Stored, long Duplicates)>? _writing;
    private long _stored;
    private long _duplicates;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        await StartTransactionAsync(cancellationToken);
        _sequence = await HighWater.ReadAsync(_connection, _transaction!, time, cancellationToken);
    }

    public async ValueTask AddAsync(IngestRow row, CancellationToken cancellationToken)
    {
        // A batch never holds two versions of one id, nor two owners' rows: the staging path finds each id's latest
        // version for the batch's owner once per batch.
        if (_filling.Count >= BatchRows || _filling.Bytes >= BatchBytes || _filling.Contains(row.StixId)
            || (_filling.Count > 0 && _filling.Owner != row.OwnerOrgId))
        {
            await StartWriteAsync(cancellationToken);
        }

        var (seq, dateAdded) = _sequence!.Next();
        _filling.Add(row, seq, dateAdded);
    }

    public async Task<(long Stored, long Duplicates)> FlushAsync(CancellationToken cancellationToken)
    {
        await StartWriteAsync(cancellationToken);
        await FinishWriteAsync();
        var counts = (_stored, _duplicates);
        (_stored, _duplicates) = (0, 0);
        return counts;
    }

    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        await FinishWriteAsync();
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.TrimStart('$', '@'), value is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CommitAsync(bool continueAfter, CancellationToken cancellationToken)
    {
        await FinishWriteAsync();
        if (_filling.Count > 0)
        {
            throw new InvalidOperationException("Rows were added after the last flush; flush before committing.");
        }

        await _index.FlushAsync(_connection, cancellationToken);

        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        if (continueAfter)
        {
            // Read again: another process may have written in between, and each transaction has its own date_added.
            await StartTransactionAsync(cancellationToken);
            _sequence = await HighWater.ReadAsync(_connection, _transaction!, time, cancellationToken);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        await AbandonWriteAsync();
        _filling.Clear();
        _filling.Observables.Reset();
        _written.Observables.Reset();
        _index.Clear();
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AbandonWriteAsync();
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    /// <summary>Waits for the batch in flight (the connection does one thing at a time), then sends the filled one.</summary>
    private async Task StartWriteAsync(CancellationToken cancellationToken)
    {
        await FinishWriteAsync();
        if (_filling.Count == 0)
        {
            return;
        }

        (_filling, _written) = (_written, _filling);
        _filling.Clear();
        _writing = PostgresBatchWriter.WriteAsync(_connection, _transaction!, _written, _index, cancellationToken);
    }

    private async Task FinishWriteAsync()
    {
        if (_writing is null)
        {
            return;
        }

        var writing = _writing;
        _writing = null;
        var (stored, duplicates) = await writing;
        _stored += stored;
        _duplicates += duplicates;
    }

    /// <summary>Lets a batch in flight end (it fails fast once the import is cancelled) before the connection is reused.</summary>
    private async Task AbandonWriteAsync()
    {
        if (_writing is not null)
        {
            await _writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _writing = null;
        }
    }

    private async Task StartTransactionAsync(CancellationToken cancellationToken)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await using var setup = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({IngestLockKey}); SET LOCAL jit = off; {PostgresBatchWriter.StagingDdl}", _connection, _transaction);
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }
}
