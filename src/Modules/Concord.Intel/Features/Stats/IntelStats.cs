using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Objects;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Stats;

/// <summary>
/// Dashboard figures, read from the count tables the triggers keep (<see cref="CountTriggers"/>), so a view sums a few
/// buckets per day instead of scanning the objects. Each query starts from <see cref="Visibility.Apply"/> on the
/// buckets, which carry the distribution of the objects they count: a count never includes an object the principal
/// may not read — not even as a number. Counts are of stored copies: the current version of an object counts once per
/// organisation holding its own copy of it.
/// </summary>
internal sealed class IntelStats(IntelDbContext db, TimeProvider time) : IIntelStats
{
    private const long MicrosPerDay = 86_400_000_000L;
    private const int Top = 8;
    private const int RecentCount = 12;

    public async Task<IntelOverview> OverviewAsync(Principal principal, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        days = Math.Clamp(days, 1, 366);
        var now = time.GetUtcNow();
        var firstDay = now.ToUnixTimeMilliseconds() * 1000 / MicrosPerDay - (days - 1);
        var window = db.ObjectCounts.AsNoTracking().Apply(principal).Where(c => c.Day >= firstDay && c.Count != 0);

        var byTlp = (await window.GroupBy(c => c.Tlp).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(cancellationToken))
            .Where(g => g.Count > 0).Select(g => new CountOf<Tlp>(g.Key, g.Count)).OrderBy(c => c.Key).ToList();
        var types = (await window.GroupBy(c => c.Type).Select(g => new { g.Key, Count = g.Sum(c => c.Count) })
                .Where(g => g.Count > 0).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(Top).ToListAsync(cancellationToken))
            .Select(g => new CountOf<string>(g.Key, g.Count)).ToList();

        // "Shared by" never names the reporter of another organisation's anonymous sighting.
        var own = principal.OrganisationId;
        var owners = (await window.Where(c => c.Named || c.OwnerOrgId == own).GroupBy(c => c.OwnerOrgId).Select(g => new { g.Key, Count = g.Sum(c => c.Count) })
                .Where(g => g.Count > 0).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(Top).ToListAsync(cancellationToken))
            .Select(g => new CountOf<Guid>(g.Key, g.Count)).ToList();
        var perDay = await window.GroupBy(c => c.Day).Select(g => new { g.Key, Count = g.Sum(c => c.Count) })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var activity = Enumerable.Range(0, days)
            .Select(i => new DailyCount(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(firstDay + i)), perDay.GetValueOrDefault(firstDay + i)))
            .ToList();
        var techniques = await TechniqueCounter.TopAsync(db, Current(principal), principal, firstDay, Top, cancellationToken);
        return new IntelOverview(days, byTlp.Sum(c => c.Count), byTlp, types, owners, techniques, activity, await RecentAsync(principal, cancellationToken));
    }

    /// <summary>
    /// The newest current objects the principal may read, walked reason by reason (<see cref="ReachOrder"/>): a reader who
    /// may see little of a large store reads its own rows, not all of it. (A walk bounded by the table's newest rows let
    /// other organisations' hidden imports push the reader's own recent objects off the dashboard.)
    /// </summary>
    private async Task<List<RecentObject>> RecentAsync(Principal principal, CancellationToken cancellationToken)
    {
        var own = principal.OrganisationId;
        var sightings = db.Sightings;
        return (await ReachOrder.Page(Current(principal), principal, newestFirst: true, RecentCount)
                .Select(o => new
                {
                    o.StixId, o.Type, o.Name, o.OwnerOrgId, o.Tlp, o.DateAddedUs,
                    Named = o.Type != "sighting" || o.OwnerOrgId == own || sightings.Any(s => s.Seq == o.Seq && !s.Anonymous),
                }).ToListAsync(cancellationToken))
            .Select(o => new RecentObject(o.StixId, o.Type, o.Name, o.Named ? o.OwnerOrgId : null, o.Tlp, DateTimeOffset.UnixEpoch.AddTicks(o.DateAddedUs * 10)))
            .ToList();
    }

    /// <summary>The latest, unrevoked version of each object the principal may read.</summary>
    private IQueryable<StoredObject> Current(Principal principal) =>
        db.Objects.AsNoTracking().Where(o => o.Latest && !o.Revoked).Apply(principal);
}
