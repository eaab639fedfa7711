using Concord.Access;
using Concord.Incidents.Data;
using Concord.Platform.Feeds;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Feed;

/// <summary>
/// The cases' change feed: one entry per committed write to a case (opened, changed, shared, contributed to, narrowed by a
/// stricter TLP, a removed participant or a withdrawn contribution), read from <c>incidents_changes</c>, whose positions
/// are taken in each write's transaction under the module's write gate (commit order). A follower (federation, later)
/// reads the case itself as STIX, through the visibility door, for each reader it acts for.
/// </summary>
[InternalProjection("a change feed: names cases and owners for followers, which read each case through the visibility door; never a response")]
internal sealed class CaseChangeFeed(IncidentsDbContext db) : IChangeFeed
{
    public string Module => IncidentsModule.Name;

    public async Task<IReadOnlyList<FeedChange>> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await db.Changes.AsNoTracking().Where(c => c.Seq > after).OrderBy(c => c.Seq).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new FeedChange(r.Seq, "incident", $"incident--{r.CaseId}", (ChangeKind)r.Kind, r.AtUs, r.OwnerOrgId, r.AtUs))];
    }
}
