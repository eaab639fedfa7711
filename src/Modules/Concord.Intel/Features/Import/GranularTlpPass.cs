using Concord.Access;
using Concord.Intel.Data;
using Concord.Stix;
using Concord.Stix.Markings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Brings objects stored before an object's TLP took its granular markings into account up to the rule: each stored
/// version carrying <c>granular_markings</c> gets the strictest TLP found anywhere in it, and a scope wider than that
/// TLP allows becomes the owner only (the narrow default). The migration that introduced the rule sets the mark
/// <see cref="Mark"/> on a store that holds objects; this runs at start, before the node serves a read, and removes
/// the mark when done. A crash leaves the mark where the last committed batch put it.
/// </summary>
[InternalProjection("an import pass narrowing the importer's own new rows to their granular markings' TLP")]
internal static class GranularTlpPass
{
    public const string Mark = "markings.granular";
    private const int Batch = 1000;

    public static async Task RunAsync(IntelDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        long changed = 0;
        while (await db.FollowerMarks.AsNoTracking().FirstOrDefaultAsync(m => m.Name == Mark, cancellationToken) is { } start)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var seqs = await db.Database.SqlQueryRaw<long>(CandidatesSql(db), start.Position, Batch).ToListAsync(cancellationToken);
            var rows = await db.Objects.Where(o => seqs.Contains(o.Seq)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                changed += await NarrowAsync(db, row, cancellationToken) ? 1 : 0;
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

        if (changed > 0)
        {
            Log.GranularTlpApplied(logger, changed);
        }
    }

    private static async Task<bool> NarrowAsync(IntelDbContext db, StoredObject row, CancellationToken cancellationToken)
    {
        if (!StixParser.TryParse(row.Json, out var stix, out _))
        {
            return false;
        }

        using (stix)
        {
            if (TlpMarkings.EffectiveTlp(stix).Tlp is not { } tlp || tlp <= row.Tlp)
            {
                return false;
            }

            row.Tlp = tlp;
            if (row.Scope > Distribution.MaxScope(tlp))
            {
                row.Scope = Scope.Owner;
                row.AudienceId = null;
            }
        }

        // A sighting's projection carries the sighting's distribution for the lists that count sightings.
        var projected = await db.Sightings.Where(s => s.Seq == row.Seq).ToListAsync(cancellationToken);
        foreach (var sighting in projected)
        {
            (sighting.Tlp, sighting.Scope, sighting.AudienceId) = (row.Tlp, row.Scope, row.AudienceId);
        }

        return true;
    }

    /// <summary>The next versions after the mark whose JSON mentions granular markings: a byte search, so only those are parsed.</summary>
    private static string CandidatesSql(IntelDbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? "SELECT seq AS \"Value\" FROM stix_objects WHERE seq > {0} AND position(convert_to('granular_markings', 'UTF8') IN json) > 0 ORDER BY seq LIMIT {1}"
        : "SELECT seq AS \"Value\" FROM stix_objects WHERE seq > {0} AND instr(json, CAST('granular_markings' AS BLOB)) > 0 ORDER BY seq LIMIT {1}";
}
