using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Takes deleted versions out of SQLite's FTS5 index, in the deleting transaction (the ingest sink adds them, so the
/// index depends on no trigger). PostgreSQL's index is a column of the row itself, so it goes with the row.
/// </summary>
internal static class SearchCleanup
{
    public static async Task DeleteAsync(IntelDbContext db, StorageProvider provider, IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        if (provider == StorageProvider.Postgres)
        {
            return;
        }

        foreach (var seq in seqs)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM stix_search WHERE rowid = {seq}", cancellationToken);
        }
    }
}
