using Concord.Intel.Features.Correlation;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Writes the correlation index for PostgreSQL's bulk path, as a step after each batch of objects, in the same
/// transaction. Keys wait in memory with their batch while the objects' COPY runs (one connection runs one COPY at a
/// time). When the batch stored every version, its keys join the sink's <see cref="PostgresIndexBuffer"/>, which
/// sends them in large sorted runs; when it held duplicates (a re-ingested version's seq never reaches
/// <c>stix_objects</c>), they go at once through a staging table, for the versions actually stored.
/// </summary>
internal sealed class PostgresObservableWriter(PrefixCache cache)
{
    private const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS intel_observable_staging (key bytea NOT NULL, seq bigint NOT NULL);
        TRUNCATE intel_observable_staging;
        """;

    // Only when the move skipped duplicates: their seqs never reached stix_objects, so their keys must not be indexed.
    // A lateral probe per staged key, not EXISTS, which the planner may turn into a hash of the whole table (as the
    // batch writer's probe explains).
    private const string MoveSql = """
        INSERT INTO intel_observables (key, seq)
        SELECT s.key, s.seq FROM intel_observable_staging s
        CROSS JOIN LATERAL (SELECT 1 FROM stix_objects o WHERE o.seq = s.seq LIMIT 1) o
        ORDER BY s.key
        ON CONFLICT DO NOTHING;
        TRUNCATE intel_observable_staging;
        """;

    private readonly List<(byte[] Key, long Seq)> _pending = [];
    private readonly HashSet<(short, short)> _prefixes = [];
    private readonly List<(short, short)> _newPrefixes = [];
    private bool _staging;

    /// <summary>Queues the keys of a version staged under <paramref name="seq"/>.</summary>
    public void Add(long seq, IngestRow row)
    {
        if (row.ObservableKeys is not { } keys)
        {
            return;
        }

        foreach (var key in keys)
        {
            _pending.Add((key, seq));
            if (ObservableKey.ToNetwork(key) is { IsAddress: false } network && _prefixes.Add(ObservableKey.PrefixOf(network)))
            {
                _newPrefixes.Add(ObservableKey.PrefixOf(network));
                cache.Add(ObservableKey.PrefixOf(network));
            }
        }
    }

    /// <summary>Writes (or buffers) the queued keys of the versions just moved into <c>stix_objects</c>.</summary>
    /// <param name="everyRowStored">
    /// The move stored every staged version (no duplicates, the usual case): every queued seq is in the store, so the
    /// keys join <paramref name="buffer"/>, bound for the index with no staging table and no check per row.
    /// </param>
    public async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool everyRowStored, PostgresIndexBuffer buffer, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (everyRowStored)
        {
            await buffer.AddAsync(connection, _pending, cancellationToken);
            _pending.Clear();
        }
        else
        {
            _pending.Sort(PostgresIndexBuffer.KeyOrder);
            await StageAndMoveAsync(connection, transaction, cancellationToken);
        }

        await WritePrefixesAsync(connection, transaction, cancellationToken);
    }

    private async Task StageAndMoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!_staging)
        {
            await using var ddl = new NpgsqlCommand(StagingDdl, connection, transaction);
            await ddl.ExecuteNonQueryAsync(cancellationToken);
            _staging = true;
        }

        await PostgresIndexBuffer.CopyAsync(connection, "COPY intel_observable_staging (key, seq) FROM STDIN (FORMAT BINARY)", _pending, cancellationToken);
        _pending.Clear();
        await using var move = new NpgsqlCommand(MoveSql, connection, transaction) { CommandTimeout = 0 };
        await move.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task WritePrefixesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (space, prefix) in _newPrefixes)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO intel_observable_prefixes (space, prefix) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = space, NpgsqlDbType = NpgsqlDbType.Smallint });
            insert.Parameters.Add(new NpgsqlParameter { Value = prefix, NpgsqlDbType = NpgsqlDbType.Smallint });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        _newPrefixes.Clear();
    }

    /// <summary>Forgets queued keys once their batch is written (or dropped); keeps the prefixes known to be stored.</summary>
    public void Clear()
    {
        _pending.Clear();
        _newPrefixes.Clear();
    }

    /// <summary>Forgets queued keys (the transaction rolled back); the staging table is session-local and emptied on next use.</summary>
    public void Reset()
    {
        _pending.Clear();
        _newPrefixes.Clear();
        _prefixes.Clear();
        _staging = false;
    }
}

/// <summary>
/// The keys of stored versions bound for the index, gathered across the batches of one transaction and sent in sorted
/// runs of up to <see cref="FlushAt"/>. The index is a B-tree over random keys: a batch's keys (about 20,000) land on
/// about as many leaf pages, and after each checkpoint PostgreSQL writes a page it changes whole into its WAL, so a run
/// touches each page once however many of its keys land there. Measured at 10 million entries: runs of 200,000 keys
/// instead of 20,000 halve both the WAL written and the time. The buffer holds about 12 MB at most; the sink sends
/// what is left before it commits.
/// </summary>
internal sealed class PostgresIndexBuffer
{
    public const int FlushAt = 1 << 18;

    public static readonly Comparison<(byte[] Key, long Seq)> KeyOrder = static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key);

    private readonly List<(byte[] Key, long Seq)> _keys = [];

    /// <summary>Takes <paramref name="keys"/>; sends the run once it is full.</summary>
    public async Task AddAsync(NpgsqlConnection connection, List<(byte[] Key, long Seq)> keys, CancellationToken cancellationToken)
    {
        _keys.AddRange(keys);
        if (_keys.Count >= FlushAt)
        {
            await FlushAsync(connection, cancellationToken);
        }
    }

    /// <summary>Sends every buffered key, in key order, so the B-tree is written page by page rather than at random.</summary>
    public async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_keys.Count == 0)
        {
            return;
        }

        _keys.Sort(KeyOrder);
        await CopyAsync(connection, "COPY intel_observables (key, seq) FROM STDIN (FORMAT BINARY)", _keys, cancellationToken);
        _keys.Clear();
    }

    /// <summary>Forgets the buffered keys (the transaction rolled back).</summary>
    public void Clear() => _keys.Clear();

    public static async Task CopyAsync(NpgsqlConnection connection, string copySql, List<(byte[] Key, long Seq)> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        WriteRows(copy, rows);
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Synchronous on purpose, as the object sink's rows: the importer only copies into its buffer.</summary>
    private static void WriteRows(NpgsqlBinaryImporter copy, List<(byte[] Key, long Seq)> rows)
    {
        foreach (var (key, seq) in rows)
        {
            copy.StartRow();
            copy.Write(key, NpgsqlDbType.Bytea);
            copy.Write(seq, NpgsqlDbType.Bigint);
        }
    }
}
