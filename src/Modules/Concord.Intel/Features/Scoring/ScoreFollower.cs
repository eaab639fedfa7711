using Concord.Intel.Data;
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
internal sealed class ScoreFollower(IServiceScopeFactory scopes, DecayModel model, ILogger<ScoreFollower> logger)
{
    private const string ObjectsMark = "scores.objects";
    private const string TombstonesMark = "scores.tombstones";

    /// <summary>
    /// Rows per step. A step's cost is mostly per row (reading, parsing, scoring, writing), so batches this size keep
    /// the per-step round trips negligible while a step of a bulk import stays well under a second.
    /// </summary>
    public const int DefaultBatchSize = 10_000;

    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>Rows (and tombstones) per step; tests make it small to cross batch boundaries.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Wakes the background service (after a background import job).</summary>
    public void Signal() => _signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Catches up after a write has committed. A failure here must not turn a committed write into an error answer
    /// (another process may be following the same rows): it is logged and left to the background service.
    /// </summary>
    public async Task AfterCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ScoringFailed(logger, ex);
            Signal();
        }
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            while (await StepAsync(cancellationToken))
            {
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<bool> StepAsync(CancellationToken cancellationToken)
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

        // The walk goes by the sequence alone, every type: a filter on the type let PostgreSQL, planning with the
        // statistics of the table before a bulk import (often none), read every remaining row of the type through
        // the (type, seq) index and sort them, per batch. Other types cost a few columns each, not their JSON.
        var position = objects.Position;
        var walked = await db.Objects.AsNoTracking()
            .Where(o => o.Seq > position).OrderBy(o => o.Seq).Take(BatchSize)
            .Select(ScoreInputs.Row).ToListAsync(cancellationToken);
        var rows = walked.Where(r => r.Type is "indicator" or "sighting").ToList();
        var deletedAfter = tombstones.Position;
        var deleted = await db.Tombstones.AsNoTracking()
            .Where(t => t.Seq > deletedAfter).OrderBy(t => t.Seq).Take(BatchSize).ToListAsync(cancellationToken);
        if (walked.Count == 0 && deleted.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        // One transaction: the projected sightings are saved first so the recomputation reads them, and the marks move with the work.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        await SightingProjection.ApplyAsync(db, rows, deleted, affected, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // An indicator row that is its owner's latest version is scored as read, without reading it again. Any other
        // version (older, arriving late; superseded, on a rewind) moves no score: the latest is scored when its own
        // row is followed, and when a deletion makes an older version latest again, its tombstone names the id. A row
        // that loses its flag after this read is followed by the newer version or the tombstone that took it.
        var latest = rows.Where(r => r.Type == "indicator" && r.Latest).ToList();
        affected.UnionWith(deleted.Select(t => t.StixId));
        await ScoreCalculator.RecomputeAsync(db, model, latest, affected, cancellationToken);
        objects.Position = walked.Count > 0 ? walked[^1].Seq : objects.Position;
        tombstones.Position = deleted.Count > 0 ? deleted[^1].Seq : tombstones.Position;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
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
}
