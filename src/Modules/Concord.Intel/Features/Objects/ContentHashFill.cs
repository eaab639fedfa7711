using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// Gives the rows stored before content hashes existed theirs (<see cref="ContentHash"/>), in sequence order, a batch
/// per transaction under the ingest lock (so no delete slips between reading a row and updating it). Every import
/// hashes its own rows, so only older rows lack one; until reached, such a row is simply identical to no other copy.
/// It runs at start only while the mark <see cref="Mark"/> is set (by the migration ContentHashPending, on a store with
/// unhashed rows) and removes it when done: a store whose rows all have their hash is not walked at every start (0.7 s
/// under the ingest lock at a million objects). A restart walks again from the start, past the rows already filled.
/// </summary>
[InternalProjection("a background fill of content hashes for rows stored before the column existed")]
internal sealed class ContentHashFill(IServiceScopeFactory scopes, IngestGate gate, ILogger<ContentHashFill> logger) : BackgroundService
{
    public const string Mark = "objects.content-hash";

    private const int Batch = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<IntelDbContext>().FollowerMarks.AnyAsync(m => m.Name == Mark, stoppingToken))
                {
                    return;
                }
            }

            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ContentHashFillFailed(logger, ex);
        }
    }

    /// <summary>Fills every missing hash and clears <see cref="Mark"/>; returns how many rows it filled.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long position = 0;
        long filled = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (scope.ServiceProvider.GetRequiredService<IngestSinks>().Provider == StorageProvider.Postgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresIngestSink.IngestLockKey})", cancellationToken);
                }

                var after = position;
                var rows = await db.Objects.Where(o => o.Seq > after && o.ContentHash == null).OrderBy(o => o.Seq).Take(Batch).ToListAsync(cancellationToken);
                if (rows.Count == 0)
                {
                    await db.FollowerMarks.Where(m => m.Name == Mark).ExecuteDeleteAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    if (filled > 0)
                    {
                        Log.ContentHashesFilled(logger, filled);
                    }

                    return filled;
                }

                rows.ForEach(r => r.ContentHash = ContentHash.Of(r.Json));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                position = rows[^1].Seq;
                filled += rows.Count;
            }
        }
    }
}
