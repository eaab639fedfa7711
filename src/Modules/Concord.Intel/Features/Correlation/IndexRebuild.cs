using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Observables;
using Concord.Platform;
using Concord.Stix;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// Rebuilds the observable index from the stored objects when the way keys are made changes. The migration that
/// changes it deletes the entries it can no longer trust and, on a store that holds objects, sets the mark
/// <see cref="Mark"/> at 0. This walks every stored version after the mark in sequence order, extracts its keys again
/// and inserts them (an entry already there stays), moving the mark in the same transaction, and removes the mark when
/// it has reached the end. Imports index their own objects meanwhile, so nothing waits for it: older objects come
/// back into lookups as it advances. A batch runs under the ingest lock, so a delete cannot slip between reading a
/// version and indexing it.
/// </summary>
[InternalProjection("rebuilds the observable index from every row; lookups filter the index by Visibility")]
internal sealed class IndexRebuild(IServiceScopeFactory scopes, IngestGate gate, PrefixCache cache, ILogger<IndexRebuild> logger) : BackgroundService
{
    public const string Mark = "observables.rebuild";
    private const int Batch = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The mark stays where the last committed batch left it: the next start resumes there.
            Log.IndexRebuildFailed(logger, ex);
        }
    }

    /// <summary>Re-indexes from the mark to the end; does nothing when there is no mark.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long done = 0;
        while (await StepAsync(cancellationToken) is { } step)
        {
            done += step.Objects;
            if (step.Finished || done % 100_000 < Batch)
            {
                Log.IndexRebuilt(logger, done, step.Position, step.Finished ? "; finished" : "");
            }

            if (step.Finished)
            {
                return;
            }
        }
    }

    private async Task<(int Objects, long Position, bool Finished)?> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var provider = scope.ServiceProvider.GetRequiredService<IngestSinks>().Provider;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (provider == StorageProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresIngestSink.IngestLockKey})", cancellationToken);
            }

            var mark = await db.FollowerMarks.FirstOrDefaultAsync(m => m.Name == Mark, cancellationToken);
            if (mark is null)
            {
                return null;
            }

            var position = mark.Position;
            var rows = await db.Objects.AsNoTracking()
                .Where(o => o.Seq > position && IngestObservables.Types.Contains(o.Type))
                .OrderBy(o => o.Seq).Take(Batch)
                .Select(o => new { o.Seq, o.Json })
                .ToListAsync(cancellationToken);
            var entries = new List<(byte[] Key, long Seq)>();
            foreach (var row in rows)
            {
                if (StixParser.TryParse(row.Json, out var stix, out _))
                {
                    using (stix)
                    {
                        entries.AddRange((IngestObservables.KeysOf(stix) ?? []).Select(key => (key, row.Seq)));
                    }
                }
            }

            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            var prefixes = entries.Select(e => ObservableKey.ToNetwork(e.Key)).OfType<IpNetwork>()
                .Where(n => !n.IsAddress).Select(ObservableKey.PrefixOf).Distinct().ToList();
            prefixes.ForEach(cache.Add);
            if (provider == StorageProvider.Postgres)
            {
                await InsertPostgresAsync((NpgsqlConnection)connection, (NpgsqlTransaction)dbTransaction, entries, prefixes, cancellationToken);
            }
            else
            {
                await InsertSqliteAsync((SqliteConnection)connection, (SqliteTransaction)dbTransaction, entries, prefixes, cancellationToken);
            }

            var finished = rows.Count < Batch;
            if (finished)
            {
                db.FollowerMarks.Remove(mark);
            }
            else
            {
                mark.Position = rows[^1].Seq;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (rows.Count, rows.Count > 0 ? rows[^1].Seq : position, finished);
        }
    }

    private static async Task InsertPostgresAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(byte[] Key, long Seq)> entries, List<(short Space, short Prefix)> prefixes, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO intel_observables (key, seq) SELECT k, s FROM unnest(@keys, @seqs) AS e(k, s) ORDER BY k ON CONFLICT DO NOTHING;
            INSERT INTO intel_observable_prefixes (space, prefix) SELECT sp, p FROM unnest(@spaces, @prefixes) AS x(sp, p) ON CONFLICT DO NOTHING;
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => e.Key).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = entries.Select(e => e.Seq).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("spaces", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = prefixes.Select(p => p.Space).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("prefixes", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = prefixes.Select(p => p.Prefix).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertSqliteAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<(byte[] Key, long Seq)> entries, List<(short Space, short Prefix)> prefixes, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO intel_observables (key, seq) VALUES ($key, $seq) ON CONFLICT DO NOTHING";
        var key = insert.Parameters.Add("$key", SqliteType.Blob);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        await insert.PrepareAsync(cancellationToken);
        foreach (var entry in entries)
        {
            (key.Value, seq.Value) = (entry.Key, entry.Seq);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var prefix = connection.CreateCommand();
        prefix.Transaction = transaction;
        prefix.CommandText = "INSERT INTO intel_observable_prefixes (space, prefix) VALUES ($space, $prefix) ON CONFLICT DO NOTHING";
        var space = prefix.Parameters.Add("$space", SqliteType.Integer);
        var length = prefix.Parameters.Add("$prefix", SqliteType.Integer);
        foreach (var (s, p) in prefixes)
        {
            (space.Value, length.Value) = (s, p);
            await prefix.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
