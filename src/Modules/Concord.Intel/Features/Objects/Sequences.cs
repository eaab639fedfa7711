using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Objects;

/// <summary>Where in the node sequence a point in time falls.</summary>
internal static class Sequences
{
    /// <summary>
    /// The sequence of the first row added after <paramref name="afterUs"/>, or null when none was. <c>date_added</c>
    /// grows with the sequence (both are taken under the ingest gate), so "added after" is "from this sequence on", found
    /// by a binary search over the primary key — a few dozen index probes — instead of walking the sequence index through
    /// every row added before: at a million objects a pull with nothing new (a peer's, a TAXII client's) went from
    /// 1.3-2 s to milliseconds. It reads no record, only where the reader's own filtered query starts.
    /// </summary>
    [InternalProjection("finds where a reader's visibility-filtered page starts: a sequence number, never a record")]
    public static async Task<long?> FirstAddedAfterAsync(IntelDbContext db, long afterUs, CancellationToken cancellationToken)
    {
        var last = await db.Objects.OrderByDescending(o => o.Seq).Select(o => new { o.Seq, o.DateAddedUs }).FirstOrDefaultAsync(cancellationToken);
        if (last is null || last.DateAddedUs <= afterUs)
        {
            return null;
        }

        // The first row at or after a sequence number was added after afterUs from some number on: find the smallest.
        var low = await db.Objects.MinAsync(o => o.Seq, cancellationToken);
        var high = last.Seq;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var added = await db.Objects.Where(o => o.Seq >= middle).OrderBy(o => o.Seq).Select(o => o.DateAddedUs).FirstAsync(cancellationToken);
            if (added > afterUs)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return await db.Objects.Where(o => o.Seq >= high).OrderBy(o => o.Seq).Select(o => o.Seq).FirstAsync(cancellationToken);
    }
}
