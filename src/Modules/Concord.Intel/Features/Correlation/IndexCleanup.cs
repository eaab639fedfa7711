using Concord.Intel.Data;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// Removes deleted versions from the observable index. The index has no seq index of its own (it would cost a
/// third of the index's size for a rare operation), so the versions' keys are extracted again from their JSON and
/// each (key, seq) pair is deleted through the primary key. Sequence numbers are never reused, so an entry that
/// outlived its object could never match another one; this keeps the index from growing with deleted data.
/// </summary>
internal static class IndexCleanup
{
    public static async Task DeleteAsync(IntelDbContext db, IQueryable<StoredObject> versions, CancellationToken cancellationToken)
    {
        var rows = await versions.Select(o => new { o.Seq, o.Json }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (!StixParser.TryParse(row.Json, out var stix, out _))
            {
                continue;
            }

            using (stix)
            {
                foreach (var key in IngestObservables.KeysOf(stix) ?? [])
                {
                    await db.Observables.Where(o => o.Key == key && o.Seq == row.Seq).ExecuteDeleteAsync(cancellationToken);
                }
            }
        }
    }
}
