using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Import;

/// <summary>
/// PostgreSQL's bulk path: rows stream by binary COPY into a session-local staging table; each flush moves them
/// with one INSERT … SELECT … ON CONFLICT DO NOTHING (a re-ingested version is a duplicate, not an error), marks the
/// newest version of each id latest and clears the flag on the versions it supersedes.
/// </summary>
internal sealed class PostgresIngestSink(string connectionString, TimeProvider time) : IIngestSink
{
    /// <summary>Serialises writers across processes too: the sequence must be handed out in commit order.</summary>
    internal const long IngestLockKey = 0x436f6e636f7264;

    private const string Columns = "seq, stix_id, type, spec_version, created, modified, created_us, modified_us, version_us, revoked, created_by_ref, name, description, labels, date_added_us, owner_org_id, tlp, scope, audience_id, json";

    private const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS intel_staging (
          seq bigint NOT NULL, stix_id text NOT NULL, type text NOT NULL, spec_version text, created text, modified text,
          created_us bigint, modified_us bigint, version_us bigint NOT NULL, revoked boolean NOT NULL, created_by_ref text,
          name text, description text, labels text, date_added_us bigint NOT NULL, owner_org_id uuid NOT NULL,
          tlp integer NOT NULL, scope integer NOT NULL, audience_id uuid, json bytea NOT NULL);
        TRUNCATE intel_staging;
        """;

    // One probe per staged row finds the stored latest version of its id and owner (a batch never holds two versions
    // of one id: the sink flushes first). The probe drives both the flag on the new row and the flag it clears on the
    // old one, in one statement; LATERAL keeps the plan staging-driven, never a scan of the whole store.
    private const string MoveSql = $"""
        WITH prior AS MATERIALIZED (
          SELECT s.seq AS staged, x.seq AS old_seq, x.version_us AS old_version, s.version_us AS new_version
          FROM intel_staging s CROSS JOIN LATERAL (
            SELECT seq, version_us FROM stix_objects x
            WHERE x.stix_id = s.stix_id AND x.owner_org_id = s.owner_org_id AND x.latest) x),
        superseded AS (
          UPDATE stix_objects o SET latest = false FROM prior p WHERE o.seq = p.old_seq AND p.old_version < p.new_version)
        INSERT INTO stix_objects ({Columns}, latest)
        SELECT {Columns}, p.staged IS NULL OR p.old_version < s.version_us
        FROM intel_staging s LEFT JOIN prior p ON p.staged = s.seq
        ON CONFLICT (stix_id, version_us) DO NOTHING
        """;

    private const int StagingRows = 5000;

    /// <summary>The first refresh of the planner's statistics during one ingest; each later one waits for twice as many rows.</summary>
    private const long FirstAnalyzeRows = 20_000;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlTransaction? _transaction;
    private NpgsqlBinaryImporter? _importer;
    private NodeSequence? _sequence;
    private readonly HashSet<string> _batchIds = new(StringComparer.Ordinal);
    private readonly PostgresObservableWriter _observables = new();
    private long _staged;
    private long _stored;
    private long _duplicates;
    private long _movedThisImport;
    private long _analyzeAt = FirstAnalyzeRows;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        await StartTransactionAsync(cancellationToken);
        _sequence = await HighWater.ReadAsync(_connection, _transaction!, time, cancellationToken);
    }

    public async ValueTask AddAsync(IngestRow row, CancellationToken cancellationToken)
    {
        // Small moves keep the staging table inside PostgreSQL's temp buffers (8 MB by default) instead of on disk.
        if (_staged >= StagingRows || !_batchIds.Add(row.StixId))
        {
            await MoveAsync(cancellationToken);
            _batchIds.Add(row.StixId);
        }

        var (seq, dateAdded) = _sequence!.Next();
        _importer ??= await _connection.BeginBinaryImportAsync($"COPY intel_staging ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

        WriteRow(_importer, row, seq, dateAdded);
        _observables.Add(seq, row);
        _staged++;
    }

    public async Task<(long Stored, long Duplicates)> FlushAsync(CancellationToken cancellationToken)
    {
        await MoveAsync(cancellationToken);
        var counts = (_stored, _duplicates);
        (_stored, _duplicates) = (0, 0);
        return counts;
    }

    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.TrimStart('$', '@'), value is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CommitAsync(bool continueAfter, CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        if (continueAfter)
        {
            await StartTransactionAsync(cancellationToken);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _observables.Reset();
        if (_importer is not null)
        {
            await _importer.DisposeAsync();
            _importer = null;
        }

        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_importer is not null)
        {
            await _importer.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task MoveAsync(CancellationToken cancellationToken)
    {
        _batchIds.Clear();
        if (_importer is null)
        {
            return;
        }

        await _importer.CompleteAsync(cancellationToken);
        await _importer.DisposeAsync();
        _importer = null;
        long stored;
        await using (var move = new NpgsqlCommand(MoveSql, _connection, _transaction) { CommandTimeout = 0 })
        {
            stored = await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await _observables.MoveAsync(_connection, _transaction!, everyRowStored: stored == _staged, cancellationToken);

        await using (var truncate = new NpgsqlCommand("TRUNCATE intel_staging", _connection, _transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        _stored += stored;
        _duplicates += _staged - stored;
        _staged = 0;
        _movedThisImport += stored;
        if (_movedThisImport >= _analyzeAt)
        {
            // A bulk import runs in one transaction, which autovacuum cannot see into: the planner keeps the statistics
            // of the table as it was (often empty) and picks scans that read the whole growing table on every move.
            // ANALYZE counts this transaction's own rows, so refreshing at each doubling keeps the plans index-driven.
            await using var analyze = new NpgsqlCommand("ANALYZE stix_objects", _connection, _transaction);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
            _analyzeAt *= 2;
        }
    }

    /// <summary>
    /// Writes one COPY row. Synchronous on purpose: the importer only copies into its buffer (and sends a full
    /// buffer now and then), and an awaited call per value costs more than the value itself on this hot path.
    /// </summary>
    private static void WriteRow(NpgsqlBinaryImporter w, IngestRow row, long seq, long dateAdded)
    {
        w.StartRow();
        w.Write(seq, NpgsqlDbType.Bigint);
        w.Write(row.StixId, NpgsqlDbType.Text);
        w.Write(row.Type, NpgsqlDbType.Text);
        WriteText(w, row.SpecVersion);
        WriteText(w, row.Created);
        WriteText(w, row.Modified);
        WriteLong(w, row.CreatedUs);
        WriteLong(w, row.ModifiedUs);
        w.Write(row.VersionUs, NpgsqlDbType.Bigint);
        w.Write(row.Revoked, NpgsqlDbType.Boolean);
        WriteText(w, row.CreatedByRef);
        WriteText(w, row.Name);
        WriteText(w, row.Description);
        WriteText(w, row.Labels);
        w.Write(dateAdded, NpgsqlDbType.Bigint);
        w.Write(row.OwnerOrgId, NpgsqlDbType.Uuid);
        w.Write((int)row.Tlp, NpgsqlDbType.Integer);
        w.Write((int)row.Scope, NpgsqlDbType.Integer);
        if (row.AudienceId is { } audience)
        {
            w.Write(audience, NpgsqlDbType.Uuid);
        }
        else
        {
            w.WriteNull();
        }

        w.Write(row.Json, NpgsqlDbType.Bytea);
    }

    private static void WriteText(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteLong(NpgsqlBinaryImporter w, long? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Bigint);
        }
        else
        {
            w.WriteNull();
        }
    }

    private async Task StartTransactionAsync(CancellationToken cancellationToken)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await using var setup = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({IngestLockKey}); SET LOCAL jit = off; {StagingDdl}", _connection, _transaction);
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }
}
