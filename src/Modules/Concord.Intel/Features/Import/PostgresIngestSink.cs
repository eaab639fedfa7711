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

    private const string MoveSql = $"""
        INSERT INTO stix_objects ({Columns}, latest)
        SELECT {Columns},
          s.rn = 1 AND NOT EXISTS (SELECT 1 FROM stix_objects o
            WHERE o.stix_id = s.stix_id AND o.owner_org_id = s.owner_org_id AND o.version_us > s.version_us)
        FROM (SELECT st.*, row_number() OVER (PARTITION BY stix_id, owner_org_id ORDER BY version_us DESC, seq) AS rn
              FROM intel_staging st) s
        ORDER BY s.seq
        ON CONFLICT (stix_id, version_us) DO NOTHING
        """;

    private const string SupersedeSql = """
        UPDATE stix_objects o SET latest = false
        FROM intel_staging s
        WHERE o.stix_id = s.stix_id AND o.owner_org_id = s.owner_org_id AND o.latest
          AND o.version_us < s.version_us AND o.seq < @first
        """;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlTransaction? _transaction;
    private NpgsqlBinaryImporter? _importer;
    private NodeSequence? _sequence;
    private long _staged;
    private long _firstSeq;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        await StartTransactionAsync(cancellationToken);
        _sequence = await HighWater.ReadAsync(_connection, _transaction!, time, cancellationToken);
    }

    public async ValueTask AddAsync(IngestRow row, CancellationToken cancellationToken)
    {
        var (seq, dateAdded) = _sequence!.Next();
        if (_importer is null)
        {
            _importer = await _connection.BeginBinaryImportAsync($"COPY intel_staging ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            _firstSeq = seq;
        }

        var w = _importer;
        await w.StartRowAsync(cancellationToken);
        await w.WriteAsync(seq, NpgsqlDbType.Bigint, cancellationToken);
        await w.WriteAsync(row.StixId, NpgsqlDbType.Text, cancellationToken);
        await w.WriteAsync(row.Type, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(w, row.SpecVersion, cancellationToken);
        await WriteTextAsync(w, row.Created, cancellationToken);
        await WriteTextAsync(w, row.Modified, cancellationToken);
        await WriteLongAsync(w, row.CreatedUs, cancellationToken);
        await WriteLongAsync(w, row.ModifiedUs, cancellationToken);
        await w.WriteAsync(row.VersionUs, NpgsqlDbType.Bigint, cancellationToken);
        await w.WriteAsync(row.Revoked, NpgsqlDbType.Boolean, cancellationToken);
        await WriteTextAsync(w, row.CreatedByRef, cancellationToken);
        await WriteTextAsync(w, row.Name, cancellationToken);
        await WriteTextAsync(w, row.Description, cancellationToken);
        await WriteTextAsync(w, row.Labels, cancellationToken);
        await w.WriteAsync(dateAdded, NpgsqlDbType.Bigint, cancellationToken);
        await w.WriteAsync(row.OwnerOrgId, NpgsqlDbType.Uuid, cancellationToken);
        await w.WriteAsync((int)row.Tlp, NpgsqlDbType.Integer, cancellationToken);
        await w.WriteAsync((int)row.Scope, NpgsqlDbType.Integer, cancellationToken);
        if (row.AudienceId is { } audience)
        {
            await w.WriteAsync(audience, NpgsqlDbType.Uuid, cancellationToken);
        }
        else
        {
            await w.WriteNullAsync(cancellationToken);
        }

        await w.WriteAsync(row.Json, NpgsqlDbType.Bytea, cancellationToken);
        _staged++;
    }

    public async Task<(long Stored, long Duplicates)> FlushAsync(CancellationToken cancellationToken)
    {
        if (_importer is null)
        {
            return (0, 0);
        }

        await _importer.CompleteAsync(cancellationToken);
        await _importer.DisposeAsync();
        _importer = null;
        long stored;
        await using (var move = new NpgsqlCommand(MoveSql, _connection, _transaction))
        {
            stored = await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var supersede = new NpgsqlCommand(SupersedeSql, _connection, _transaction))
        {
            supersede.Parameters.AddWithValue("first", _firstSeq);
            await supersede.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var truncate = new NpgsqlCommand("TRUNCATE intel_staging", _connection, _transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        var counts = (stored, _staged - stored);
        _staged = 0;
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

    private static Task WriteTextAsync(NpgsqlBinaryImporter w, string? value, CancellationToken cancellationToken) =>
        value is null ? w.WriteNullAsync(cancellationToken) : w.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteLongAsync(NpgsqlBinaryImporter w, long? value, CancellationToken cancellationToken) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Bigint, cancellationToken) : w.WriteNullAsync(cancellationToken);

    private async Task StartTransactionAsync(CancellationToken cancellationToken)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await using var setup = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({IngestLockKey}); {StagingDdl}", _connection, _transaction);
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }
}
