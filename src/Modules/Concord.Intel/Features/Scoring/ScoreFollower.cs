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
    private const int Batch = 2000;

    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

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

        var rows = await db.Objects.AsNoTracking()
            .Where(o => o.Seq > objects.Position && (o.Type == "indicator" || o.Type == "sighting"))
            .OrderBy(o => o.Seq).Take(Batch).ToListAsync(cancellationToken);
        var deleted = await db.Tombstones.AsNoTracking()
            .Where(t => t.Seq > tombstones.Position).OrderBy(t => t.Seq).Take(Batch).ToListAsync(cancellationToken);
        if (rows.Count == 0 && deleted.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        // One transaction: the projected sightings are saved first so the recomputation reads them, and the marks move with the work.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        await SightingProjection.ApplyAsync(db, rows, deleted, affected, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.Type == "indicator"))
        {
            affected.Add(row.StixId);
        }

        affected.UnionWith(deleted.Select(t => t.StixId));
        await ScoreCalculator.RecomputeAsync(db, model, affected, cancellationToken);
        objects.Position = rows.Count > 0 ? rows[^1].Seq : objects.Position;
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
