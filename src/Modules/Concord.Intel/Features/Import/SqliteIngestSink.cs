using System.Runtime.InteropServices;
using Concord.Intel.Features.Correlation;
using Microsoft.Data.Sqlite;

namespace Concord.Intel.Features.Import;

/// <summary>
/// SQLite's bulk path: two prepared statements reused for every row, inside one transaction (SQLite is fast
/// when it does not commit per row). Each insert reports at once whether the version was new and whether its id
/// has another organisation's copy (then no row of the id is its only copy: <c>sole_copy</c> is cleared on all of them). The text index is
/// written in runs (<see cref="Search.SqliteSearchWriter"/>), and the dashboard's counts of the transaction's rows are
/// added once, grouped, before it commits (<see cref="Stats.CountTriggers"/>).
/// </summary>
/// <remarks>
/// The sink's connection runs with SQLite's triggers off. The count triggers are the only ones on <c>stix_objects</c>,
/// and they leave a bulk writer's rows alone; yet SQLite ran the insert trigger's program for every row to find that
/// out, and a statement with a trigger keeps a statement journal and a savepoint (ATT&amp;CK into a fresh store: the
/// inserts took 1.1 s of CPU with the trigger, 0.56 s without). What the update trigger did for the sink — take an
/// older version it supersedes out of the counts — the sink does before it commits
/// (<see cref="Stats.CountTriggers.SqliteSuperseded"/>). The setting belongs to the connection, so the sink's
/// connection is never pooled: no other writer ever gets a connection without triggers. A new trigger on
/// <c>stix_objects</c> would not fire for bulk writes either: its work belongs here as well.
/// </remarks>
internal sealed class SqliteIngestSink(string connectionString, TimeProvider time, PrefixCache prefixes) : IIngestSink
{
    private const string InsertSql = """
        INSERT INTO stix_objects (seq, stix_id, type, spec_version, created, modified, created_us, modified_us, version_us,
            revoked, created_by_ref, name, description, labels, latest, sole_copy, date_added_us, owner_org_id, tlp, scope, audience_id, json, content_hash)
        VALUES ($seq, $id, $type, $spec, $created, $modified, $created_us, $modified_us, $version,
            $revoked, $created_by, $name, $description, $labels,
            NOT EXISTS (SELECT 1 FROM stix_objects WHERE stix_id = $id AND owner_org_id = $owner AND version_us > $version),
            NOT EXISTS (SELECT 1 FROM stix_objects WHERE stix_id = $id AND owner_org_id <> $owner),
            $date_added, $owner, $tlp, $scope, $audience, $json, $content_hash)
        ON CONFLICT (stix_id, owner_org_id, version_us) DO NOTHING
        RETURNING sole_copy
        """;

    // A version stored on an id another organisation holds: the id has several copies, and none of its rows is its only one.
    private const string SharedSql = "UPDATE stix_objects SET sole_copy = 0 WHERE stix_id = $id AND sole_copy = 1";

    private const string SupersedeSql = """
        UPDATE stix_objects SET latest = 0
        WHERE stix_id = $id AND owner_org_id = $owner AND latest = 1 AND version_us < $version
        RETURNING seq
        """;

    private readonly SqliteConnection _connection = new(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
    private readonly List<long> _superseded = [];
    private SqliteTransaction? _transaction;
    private SqliteCommand? _insert;
    private SqliteCommand? _supersede;
    private SqliteCommand? _shared;
    private SqliteObservableWriter? _observables;
    private Search.SqliteSearchWriter? _search;
    private NodeSequence? _sequence;
    private long _stored;
    private long _duplicates;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        var rc = SQLitePCL.raw.sqlite3_db_config(_connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, out var triggers);
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        if (triggers != 0)
        {
            throw new InvalidOperationException("SQLite kept its triggers on for the bulk writer.");
        }

        // A bulk import touches far more pages than the default 2 MB cache; spilling mid-transaction costs more than memory.
        await using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }

        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        _sequence = await HighWater.ReadAsync(_connection, _transaction, time, cancellationToken);
        await RunAsync(Stats.CountTriggers.SqliteDefer, cancellationToken);
        _insert = Prepare(InsertSql, "$seq", "$id", "$type", "$spec", "$created", "$modified", "$created_us", "$modified_us", "$version",
            "$revoked", "$created_by", "$name", "$description", "$labels", "$date_added", "$owner", "$tlp", "$scope", "$audience", "$json", "$content_hash");
        _supersede = Prepare(SupersedeSql, "$id", "$owner", "$version");
        _shared = Prepare(SharedSql, "$id");
        _observables = new SqliteObservableWriter(_connection, _transaction, prefixes);
        _search = new Search.SqliteSearchWriter(_connection, _transaction);
    }

    public async ValueTask AddAsync(IngestRow row, CancellationToken cancellationToken)
    {
        var insert = _insert!;
        var (seq, dateAdded) = _sequence!.Next();
        var p = insert.Parameters;
        p[0].Value = seq;
        p[1].Value = row.StixId;
        p[2].Value = row.Type;
        p[3].Value = (object?)row.SpecVersion ?? DBNull.Value;
        p[4].Value = (object?)row.Created ?? DBNull.Value;
        p[5].Value = (object?)row.Modified ?? DBNull.Value;
        p[6].Value = (object?)row.CreatedUs ?? DBNull.Value;
        p[7].Value = (object?)row.ModifiedUs ?? DBNull.Value;
        p[8].Value = row.VersionUs;
        p[9].Value = row.Revoked ? 1 : 0;
        p[10].Value = (object?)row.CreatedByRef ?? DBNull.Value;
        p[11].Value = (object?)row.Name ?? DBNull.Value;
        p[12].Value = (object?)row.Description ?? DBNull.Value;
        p[13].Value = (object?)row.Labels ?? DBNull.Value;
        p[14].Value = dateAdded;
        p[15].Value = SqliteValues.Guid(row.OwnerOrgId);
        p[16].Value = (int)row.Tlp;
        p[17].Value = (int)row.Scope;
        p[18].Value = row.AudienceId is { } audience ? SqliteValues.Guid(audience) : DBNull.Value;
        p[19].Value = MemoryMarshal.TryGetArray(row.Json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : row.Json.ToArray();
        p[20].Value = row.ContentHash;
        if (await insert.ExecuteScalarAsync(cancellationToken) is not long soleCopy)
        {
            _duplicates++;
            return;
        }

        _stored++;
        if (soleCopy == 0)
        {
            _shared!.Parameters[0].Value = row.StixId;
            await _shared.ExecuteNonQueryAsync(cancellationToken);
        }

        var supersede = _supersede!;
        supersede.Parameters[0].Value = row.StixId;
        supersede.Parameters[1].Value = p[15].Value;
        supersede.Parameters[2].Value = row.VersionUs;
        await using (var superseded = await supersede.ExecuteReaderAsync(cancellationToken))
        {
            while (await superseded.ReadAsync(cancellationToken))
            {
                _superseded.Add(superseded.GetInt64(0));
            }
        }

        await _observables!.AddAsync(seq, row, cancellationToken);
        await _search!.AddAsync(seq, row, cancellationToken);
    }

    public async Task<(long Stored, long Duplicates)> FlushAsync(CancellationToken cancellationToken)
    {
        await _search!.FlushAsync(cancellationToken);
        var counts = (_stored, _duplicates);
        (_stored, _duplicates) = (0, 0);
        return counts;
    }

    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, SqliteValues.Of(value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CommitAsync(bool continueAfter, CancellationToken cancellationToken)
    {
        await _search!.FlushAsync(cancellationToken);
        if (_superseded.Count > 0)
        {
            await ExecuteAsync(Stats.CountTriggers.SqliteSuperseded, new Dictionary<string, object?> { ["$superseded"] = $"[{string.Join(',', _superseded)}]" }, cancellationToken);
            _superseded.Clear();
        }

        await RunAsync(Stats.CountTriggers.SqliteSettle, cancellationToken);
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        if (continueAfter)
        {
            _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);

            // Read again: another process may have written in between, and each transaction has its own date_added.
            _sequence = await HighWater.ReadAsync(_connection, _transaction, time, cancellationToken);
            await RunAsync(Stats.CountTriggers.SqliteDefer, cancellationToken);
            _insert!.Transaction = _transaction;
            _supersede!.Transaction = _transaction;
            _shared!.Transaction = _transaction;
            _observables!.Transaction = _transaction;
            _search!.Transaction = _transaction;
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _search?.Clear();
        _superseded.Clear();
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }

        if (_supersede is not null)
        {
            await _supersede.DisposeAsync();
        }

        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        if (_observables is not null)
        {
            await _observables.DisposeAsync();
        }

        if (_search is not null)
        {
            await _search.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    /// <summary>One statement (or several) in the sink's transaction.</summary>
    private async Task RunAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}

/// <summary>How EF Core's SQLite provider stores values, so raw SQL matches what EF writes and queries.</summary>
internal static class SqliteValues
{
    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();

    public static object Of(object? value) => value switch
    {
        null => DBNull.Value,
        System.Guid g => Guid(g),
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
