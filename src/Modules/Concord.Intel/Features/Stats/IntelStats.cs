using Concord.Access;
using Concord.Intel.Data;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Stats;

/// <summary>
/// Dashboard aggregates. Each query starts from <see cref="Visibility.Apply"/>, so a count never includes an object
/// the principal may not read — not even as a number.
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
        var since = firstDay * MicrosPerDay;
        var window = Current(principal).Where(o => o.DateAddedUs >= since);

        var byTlp = (await window.GroupBy(o => o.Tlp).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
            .Select(g => new CountOf<Tlp>(g.Key, g.Count)).OrderBy(c => c.Key).ToList();
        var types = (await window.GroupBy(o => o.Type).Select(g => new { g.Key, Count = g.LongCount() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(Top).ToListAsync(cancellationToken))
            .Select(g => new CountOf<string>(g.Key, g.Count)).ToList();
        var owners = (await Named(window, principal).GroupBy(o => o.OwnerOrgId).Select(g => new { g.Key, Count = g.LongCount() })
                .OrderByDescending(g => g.Count).Take(Top).ToListAsync(cancellationToken))
            .Select(g => new CountOf<Guid>(g.Key, g.Count)).ToList();
        var perDay = await window.GroupBy(o => o.DateAddedUs / MicrosPerDay).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var activity = Enumerable.Range(0, days)
            .Select(i => new DailyCount(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(firstDay + i)), perDay.GetValueOrDefault(firstDay + i)))
            .ToList();
        var own = principal.OrganisationId;
        var sightings = db.Sightings;
        var recent = (await Current(principal).OrderByDescending(o => o.Seq).Take(RecentCount)
                .Select(o => new
                {
                    o.StixId, o.Type, o.Name, o.OwnerOrgId, o.Tlp, o.DateAddedUs,
                    Named = o.Type != "sighting" || o.OwnerOrgId == own || sightings.Any(s => s.Seq == o.Seq && !s.Anonymous),
                }).ToListAsync(cancellationToken))
            .Select(o => new RecentObject(o.StixId, o.Type, o.Name, o.Named ? o.OwnerOrgId : null, o.Tlp, DateTimeOffset.UnixEpoch.AddTicks(o.DateAddedUs * 10)))
            .ToList();
        var techniques = await TechniqueCounter.TopAsync(Current(principal), since, Top, cancellationToken);
        return new IntelOverview(days, byTlp.Sum(c => c.Count), byTlp, types, owners, techniques, activity, recent);
    }

    /// <summary>
    /// Leaves out the anonymous sightings of other organisations, so "who shared" never names their reporters. A sighting
    /// not yet projected counts as anonymous until it is: fail closed.
    /// </summary>
    private IQueryable<StoredObject> Named(IQueryable<StoredObject> rows, Principal principal)
    {
        var own = principal.OrganisationId;
        var sightings = db.Sightings;
        return rows.Where(o => o.Type != "sighting" || o.OwnerOrgId == own || sightings.Any(s => s.Seq == o.Seq && !s.Anonymous));
    }

    /// <summary>The latest, unrevoked version of each object the principal may read.</summary>
    private IQueryable<StoredObject> Current(Principal principal) =>
        db.Objects.AsNoTracking().Where(o => o.Latest && !o.Revoked).Apply(principal);
}
