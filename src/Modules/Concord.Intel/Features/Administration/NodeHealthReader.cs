using Concord.Access;
using System.Data.Common;
using Concord.Intel.Data;
using Concord.Intel.Features.Alerts;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;
using Concord.Intel.Jobs;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Administration;

/// <summary>
/// Reads the store's health for operators: its size, its high-water mark, how far each follower is behind it (from the
/// positions the followers persist), and the import queue. Only counts and positions: no record's content.
/// </summary>
[InternalProjection("node health for node admins: sequence positions and follower lag, never a record")]
internal sealed class NodeHealthReader(IntelDbContext db, IngestSinks sinks, ImportJobService jobs)
{
    public async Task<NodeHealth> ReadAsync(CancellationToken cancellationToken)
    {
        var objectsHigh = await db.Objects.MaxAsync(o => (long?)o.Seq, cancellationToken) ?? 0;
        var tombstonesHigh = await db.Tombstones.MaxAsync(t => (long?)t.Seq, cancellationToken) ?? 0;
        var lastAddedUs = await db.Objects.OrderByDescending(o => o.Seq).Select(o => (long?)o.DateAddedUs).FirstOrDefaultAsync(cancellationToken);
        var marks = await db.FollowerMarks.AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Position, cancellationToken);

        var followers = new List<FollowerStatus>
        {
            await ObjectsFollowerAsync("Scores", "recomputes indicator scores after imports and sightings", ScoreFollower.ObjectsMark, true, marks, objectsHigh, cancellationToken),
            await DeletionsFollowerAsync(marks, tombstonesHigh, cancellationToken),
            await ObjectsFollowerAsync("Hit alerts", "detects values reported again by another member", AlertFollower.Mark, true, marks, objectsHigh, cancellationToken),
            await ObjectsFollowerAsync("Observable index rebuild", "re-indexes stored objects after an upgrade changed the index",
                IndexRebuild.Mark, marks.ContainsKey(IndexRebuild.Mark), marks, objectsHigh, cancellationToken),
        };

        return new NodeHealth(sinks.Provider, await SizeAsync(cancellationToken), Math.Max(objectsHigh, tombstonesHigh),
            lastAddedUs is { } us ? StixTime.FromMicros(us) : null, followers, await jobs.NodeQueueAsync(cancellationToken));
    }

    private async Task<FollowerStatus> ObjectsFollowerAsync(
        string name, string purpose, string mark, bool active, Dictionary<string, long> marks, long high, CancellationToken cancellationToken)
    {
        // A rebuild that is not running has nothing to do: it is not behind.
        var position = marks.GetValueOrDefault(mark);
        var behind = active ? await db.Objects.Where(o => o.Seq > position).Take(IIntelAdministration.MaxCounted).CountAsync(cancellationToken) : 0;
        return new FollowerStatus(name, purpose, active, active ? position : high, high, behind);
    }

    private async Task<FollowerStatus> DeletionsFollowerAsync(Dictionary<string, long> marks, long high, CancellationToken cancellationToken)
    {
        var position = marks.GetValueOrDefault(ScoreFollower.TombstonesMark);
        var behind = await db.Tombstones.Where(t => t.Seq > position).Take(IIntelAdministration.MaxCounted).CountAsync(cancellationToken);
        return new FollowerStatus("Scores (deletions)", "drops the scores of deleted indicators", true, position, high, behind);
    }

    private async Task<long?> SizeAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sinks.Provider == StorageProvider.Postgres
                ? "SELECT pg_database_size(current_database())"
                : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
            return await command.ExecuteScalarAsync(cancellationToken) is { } size and not DBNull ? Convert.ToInt64(size, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
