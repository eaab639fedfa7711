using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Audiences;

/// <summary>
/// What in Intel still names an audience, so that Access refuses to delete a sharing group objects are shared into.
/// Every stored version counts, not only the latest: older versions stay readable (the versions endpoint, TAXII
/// <c>match[version]=all</c>) under their own distribution. Queued and running imports count too, since they will
/// write into the group. Tombstones do not: they only tell peer nodes what to drop, and peers are never in a group.
/// </summary>
/// <remarks>
/// <c>audience_id</c> has no index (the bulk ingest path pays for every index); deleting a group is a rare
/// administrative act, and <c>LIMIT 1</c> stops at the first match.
/// </remarks>
[InternalProjection("answers Access, before a sharing group is deleted, whether any record still names it; no record reaches the caller")]
internal sealed class IntelAudienceReferences(IntelDbContext db) : IAudienceReferences
{
    public async Task<IReadOnlyList<string>> FindAsync(Guid audienceId, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if (await db.Objects.AsNoTracking().AnyAsync(o => o.AudienceId == audienceId, cancellationToken))
        {
            found.Add("stored objects");
        }

        if (await db.ImportJobs.AsNoTracking().AnyAsync(
            j => j.AudienceId == audienceId && (j.State == ImportJobState.Queued || j.State == ImportJobState.Running), cancellationToken))
        {
            found.Add("queued imports");
        }

        return found;
    }
}
