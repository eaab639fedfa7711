using Concord.Intel.Features.Correlation;
using Microsoft.Data.Sqlite;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Writes a stored version's observables to the correlation index inside the sink's transaction, with one
/// prepared statement reused for every key, so an import commits or rolls back objects and index together.
/// </summary>
internal sealed class SqliteObservableWriter : IAsyncDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _prefix;
    private readonly HashSet<(short, short)> _prefixes = [];

    private readonly PrefixCache _cache;

    public SqliteObservableWriter(SqliteConnection connection, SqliteTransaction transaction, PrefixCache cache)
    {
        _cache = cache;
        _insert = Prepare(connection, transaction, "INSERT INTO intel_observables (key, seq) VALUES ($key, $seq) ON CONFLICT DO NOTHING", "$key", "$seq");
        _prefix = Prepare(connection, transaction, "INSERT INTO intel_observable_prefixes (space, prefix) VALUES ($space, $prefix) ON CONFLICT DO NOTHING", "$space", "$prefix");
    }

    public SqliteTransaction? Transaction
    {
        set => (_insert.Transaction, _prefix.Transaction) = (value, value);
    }

    /// <summary>Indexes the keys of the version just stored under <paramref name="seq"/>.</summary>
    public async ValueTask AddAsync(long seq, IngestRow row, CancellationToken cancellationToken)
    {
        if (row.ObservableKeys is not { } keys)
        {
            return;
        }

        _insert.Parameters[1].Value = seq;
        foreach (var key in keys)
        {
            _insert.Parameters[0].Value = key;
            await _insert.ExecuteNonQueryAsync(cancellationToken);
            if (ObservableKey.ToNetwork(key) is { IsAddress: false } network && _prefixes.Add(ObservableKey.PrefixOf(network)))
            {
                _cache.Add(ObservableKey.PrefixOf(network));
                (_prefix.Parameters[0].Value, _prefix.Parameters[1].Value) = ObservableKey.PrefixOf(network);
                await _prefix.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _prefix.DisposeAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}
