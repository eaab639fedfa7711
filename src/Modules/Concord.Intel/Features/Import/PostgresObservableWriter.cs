using Concord.Intel.Features.Correlation;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Writes the correlation index for PostgreSQL's bulk path, as a step after each batch of objects, in the same
/// transaction. Keys wait in memory with their batch while the objects' COPY runs (one connection runs one COPY at a
/// time), then go by binary COPY into the index — through a staging table, and only for versions actually stored,
/// when the batch held duplicates (a re-ingested version's seq never reaches <c>stix_objects</c>).
/// </summary>
internal sealed class PostgresObservableWriter(PrefixCache cache)
{
    private const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS intel_observable_staging (key bytea NOT NULL, seq bigint NOT NULL);
        TRUNCATE intel_observable_staging;
        """;

    // Only when the move skipped duplicates: their seqs never reached stix_objects, so their keys must not be indexed.
    private const string MoveSql = """
        INSERT INTO intel_observables (key, seq)
        SELECT s.key, s.seq FROM intel_observable_staging s
        WHERE EXISTS (SELECT 1 FROM stix_objects o WHERE o.seq = s.seq)
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

    /// <summary>Writes the queued keys of the versions just moved into <c>stix_objects</c>.</summary>
    /// <param name="everyRowStored">
    /// The move stored every staged version (no duplicates, the usual case): every queued seq is in the store, so the
    /// keys go by COPY straight into the index, with no staging table and no check per row.
    /// </param>
    public async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool everyRowStored, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // In key order, so the index's B-tree is written page by page rather than at random.
        _pending.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        if (everyRowStored)
        {
            await CopyAsync(connection, "COPY intel_observables (key, seq) FROM STDIN (FORMAT BINARY)", cancellationToken);
        }
        else
        {
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

        await CopyAsync(connection, "COPY intel_observable_staging (key, seq) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await using var move = new NpgsqlCommand(MoveSql, connection, transaction) { CommandTimeout = 0 };
        await move.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CopyAsync(NpgsqlConnection connection, string copySql, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken))
        {
            WriteRows(copy, _pending);
            await copy.CompleteAsync(cancellationToken);
        }

        _pending.Clear();
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
