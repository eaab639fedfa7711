using Concord.Access;
using Concord.Intel.Data;
using Concord.Platform.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Follows the object table after imports commit: projects new sightings and recomputes the scores of the indicators
/// they (or new indicator versions, or deletions) touch. Its position is a persisted high-water mark saved in the same
/// transaction as the work, so a process that dies between an import's commit and this step loses nothing: the next
/// catch-up (after the next import, or the background service on start) resumes from the mark. A change of the
/// scoring inputs (<see cref="ScoringOptions.Fingerprint"/>) rewinds the mark to recompute every score.
/// </summary>
[InternalProjection("a follower: walks new versions and deletions in commit order to recompute scores; returns nothing to a reader")]
internal sealed class ScoreFollower(IServiceScopeFactory scopes, DecayModel model, ILogger<ScoreFollower> logger) : Follower(logger)
{
    internal const string ObjectsMark = "scores.objects";
    internal const string TombstonesMark = "scores.tombstones";

    /// <summary>
    /// Rows read at once. The cost is mostly per row (reading, parsing, scoring, writing), so batches this size keep
    /// the round trips negligible while bounding what is held in memory.
    /// </summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>Batches per transaction (see <see cref="StepAsync"/>).</summary>
    public const int DefaultBatchesPerCommit = 5;

    /// <summary>Rows (and tombstones) per step; tests make it small to cross batch boundaries.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Batches per transaction; tests set it to see what a failing transaction leaves.</summary>
    public int BatchesPerCommit { get; init; } = DefaultBatchesPerCommit;

    public override string Name => "Indicator scores";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var objects = await MarkAsync(db, ObjectsMark, cancellationToken);
        var tombstones = await MarkAsync(db, TombstonesMark, cancellationToken);
        if (objects.Fingerprint != model.Fingerprint)
        {
            objects.Fingerprint = model.Fingerprint;
            objects.Position = 0;
            tombstones.Position = 0;
        }

        // Nothing new: no transaction (on SQLite it would take the write lock at every poll).
        var batch = await ReadAsync(db, objects, tombstones, cancellationToken);
        if (batch.Walked.Count == 0 && batch.Deleted.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        // One transaction over a few batches: their projected sightings and scores commit with the marks or not at all.
        // A commit costs SQLite every index page the batch dirtied, about one per score for random ids, so a commit
        // over more rows costs less per row; a batch bounds the memory.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var batches = 1; ; batches++)
        {
            await ApplyAsync(db, scope.ServiceProvider.GetRequiredService<SightingReach>(), batch, cancellationToken);
            objects.Position = batch.Walked.Count > 0 ? batch.Walked[^1].Seq : objects.Position;
            tombstones.Position = batch.Deleted.Count > 0 ? batch.Deleted[^1].Seq : tombstones.Position;
            if (batches == BatchesPerCommit)
            {
                break;
            }

            batch = await ReadAsync(db, objects, tombstones, cancellationToken);
            if (batch.Walked.Count == 0 && batch.Deleted.Count == 0)
            {
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The next rows after the object mark and the next tombstones after the tombstone mark.</summary>
    private async Task<Batch> ReadAsync(IntelDbContext db, FollowerMark objects, FollowerMark tombstones, CancellationToken cancellationToken)
    {
        // The walk goes by the sequence alone, every type: a filter on the type let PostgreSQL, planning with the
        // statistics of the table before a bulk import (often none), read every remaining row of the type through
        // the (type, seq) index and sort them, per batch. Other types cost a few columns each, not their JSON.
        var position = objects.Position;
        var walked = await db.Objects.AsNoTracking()
            .Where(o => o.Seq > position).OrderBy(o => o.Seq).Take(BatchSize)
            .Select(ScoreInputs.Row).ToListAsync(cancellationToken);
        var deletedAfter = tombstones.Position;
        var deleted = await db.Tombstones.AsNoTracking()
            .Where(t => t.Seq > deletedAfter).OrderBy(t => t.Seq).Take(BatchSize).ToListAsync(cancellationToken);
        return new Batch(walked, deleted);
    }

    private async Task ApplyAsync(IntelDbContext db, SightingReach reach, Batch batch, CancellationToken cancellationToken)
    {
        // The projected sightings are saved first so the recomputation reads them.
        var rows = batch.Walked.Where(r => r.Type is "indicator" or "sighting").ToList();
        var affected = new HashSet<string>(StringComparer.Ordinal);
        await SightingProjection.ApplyAsync(db, rows, batch.Deleted, affected, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // An indicator row that is its owner's latest version is scored as read, without reading it again. Any other
        // version (older, arriving late; superseded, on a rewind) moves no score: the latest is scored when its own
        // row is followed, and when a deletion makes an older version latest again, its tombstone names the id. A row
        // that loses its flag after this read is followed by the newer version or the tombstone that took it.
        var latest = rows.Where(r => r.Type == "indicator" && r.Latest).ToList();
        affected.UnionWith(batch.Deleted.Select(t => t.StixId));
        await ScoreCalculator.RecomputeAsync(db, model, reach, latest, affected, cancellationToken);
    }

    private static async Task<FollowerMark> MarkAsync(IntelDbContext db, string name, CancellationToken cancellationToken)
    {
        var mark = await db.FollowerMarks.FirstOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (mark is null)
        {
            mark = new FollowerMark { Name = name };
            db.FollowerMarks.Add(mark);
        }

        return mark;
    }

    private sealed record Batch(List<StoredObject> Walked, List<Tombstone> Deleted);
}
