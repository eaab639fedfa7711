using System.Data.Common;
using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// Reads index entries for probes, page by page: the (key, seq) pairs only, straight from the primary key. This
/// says nothing about who may see what — it returns candidates, which <see cref="CorrelationService"/> filters by
/// <see cref="Access.Visibility"/> before anything is counted or shown. PostgreSQL answers all probes in one
/// round trip (LATERAL over the probe arrays); SQLite, in-process, runs one prepared statement per probe.
/// </summary>
internal sealed class IndexReader(IntelDbContext db, StorageProvider provider)
{
    private const string PostgresSql = """
        SELECT p.ord, x.key, x.seq
        FROM unnest(@after_key, @after_seq, @high) WITH ORDINALITY AS p(after_key, after_seq, high, ord)
        CROSS JOIN LATERAL (
          SELECT o.key, o.seq FROM intel_observables o
          WHERE (o.key, o.seq) > (p.after_key, p.after_seq) AND o.key <= p.high
          ORDER BY o.key, o.seq LIMIT @page) x
        """;

    private const string SqliteSql = """
        SELECT key, seq FROM intel_observables
        WHERE key >= $after_key AND key <= $high AND (key > $after_key OR seq > $after_seq)
        ORDER BY key, seq LIMIT $page
        """;

    /// <summary>The prefix lengths of the stored networks, per address space.</summary>
    public async Task<List<(short Space, short Prefix)>> PrefixesAsync(CancellationToken cancellationToken) =>
        (await db.ObservablePrefixes.AsNoTracking().ToListAsync(cancellationToken)).Select(p => (p.Space, p.Prefix)).ToList();

    /// <summary>Up to <paramref name="page"/> entries per cursor, in key order; <see cref="IndexHit.Probe"/> indexes <paramref name="cursors"/>.</summary>
    public async Task<List<IndexHit>> ReadAsync(IReadOnlyList<ProbeCursor> cursors, int page, CancellationToken cancellationToken)
    {
        var hits = new List<IndexHit>();
        if (cursors.Count == 0)
        {
            return hits;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (provider == StorageProvider.Postgres)
            {
                await ReadPostgresAsync((NpgsqlConnection)connection, cursors, page, hits, cancellationToken);
            }
            else
            {
                await ReadSqliteAsync((SqliteConnection)connection, cursors, page, hits, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return hits;
    }

    private static async Task ReadPostgresAsync(NpgsqlConnection connection, IReadOnlyList<ProbeCursor> cursors, int page, List<IndexHit> hits, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql, connection);
        command.Parameters.Add(new NpgsqlParameter("after_key", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = cursors.Select(c => c.AfterKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("after_seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = cursors.Select(c => c.AfterSeq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("high", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = cursors.Select(c => c.Probe.High).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("page", NpgsqlDbType.Integer) { Value = page });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new IndexHit((int)reader.GetInt64(0) - 1, (byte[])reader.GetValue(1), reader.GetInt64(2)));
        }
    }

    private static async Task ReadSqliteAsync(SqliteConnection connection, IReadOnlyList<ProbeCursor> cursors, int page, List<IndexHit> hits, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSql;
        var afterKey = command.Parameters.Add("$after_key", SqliteType.Blob);
        var high = command.Parameters.Add("$high", SqliteType.Blob);
        var afterSeq = command.Parameters.Add("$after_seq", SqliteType.Integer);
        command.Parameters.AddWithValue("$page", page);
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < cursors.Count; i++)
        {
            (afterKey.Value, high.Value, afterSeq.Value) = (cursors[i].AfterKey, cursors[i].Probe.High, cursors[i].AfterSeq);
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new IndexHit(i, (byte[])reader.GetValue(0), reader.GetInt64(1)));
            }
        }
    }
}
