using Concord.Access;
using Concord.Intel.Data;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Repairs objects stored before the parser refused strings with an unpaired surrogate escape (<c>"\ud800"</c>): such a
/// string is not text, and every reader that decodes it fails (the object's page, the search list it appears in, the
/// content hash). Each such escape becomes <c>\ufffd</c>, the replacement character; the rest of the object is kept byte
/// for byte. The migration that introduced the parser rule sets the mark <see cref="Mark"/> on a store that holds
/// objects; this runs at start, before the node serves a read, and removes the mark when done.
/// </summary>
[InternalProjection("a start-up repair of stored text; returns nothing to a reader")]
internal static class BadTextRepair
{
    public const string Mark = "text.surrogates";
    private const int Batch = 1000;

    public static async Task RunAsync(IntelDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        long repaired = 0;
        while (await db.FollowerMarks.AsNoTracking().FirstOrDefaultAsync(m => m.Name == Mark, cancellationToken) is { } start)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var seqs = await db.Database.SqlQueryRaw<long>(CandidatesSql(db), start.Position, Batch).ToListAsync(cancellationToken);
            foreach (var row in await db.Objects.Where(o => seqs.Contains(o.Seq)).ToListAsync(cancellationToken))
            {
                if (StixText.TryReplaceUnpairedSurrogates(row.Json, out var json))
                {
                    row.Json = json!;
                    row.ContentHash = row.ContentHash is null ? null : ContentHash.Of(json);
                    repaired++;
                }
            }

            var mark = await db.FollowerMarks.FirstAsync(m => m.Name == Mark, cancellationToken);
            if (seqs.Count < Batch)
            {
                db.FollowerMarks.Remove(mark);
            }
            else
            {
                mark.Position = seqs[^1];
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (repaired > 0)
        {
            Log.BadTextRepaired(logger, repaired);
        }
    }

    /// <summary>The next versions after the mark whose bytes hold <c>\ud</c> or <c>\uD</c>: only those are examined.</summary>
    private static string CandidatesSql(IntelDbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? "SELECT seq AS \"Value\" FROM stix_objects WHERE seq > {0} AND (position(convert_to('\\ud', 'UTF8') IN json) > 0 OR position(convert_to('\\uD', 'UTF8') IN json) > 0) ORDER BY seq LIMIT {1}"
        : "SELECT seq AS \"Value\" FROM stix_objects WHERE seq > {0} AND (instr(json, CAST('\\ud' AS BLOB)) > 0 OR instr(json, CAST('\\uD' AS BLOB)) > 0) ORDER BY seq LIMIT {1}";
}
