using Concord.Access;
using Concord.Intel.Data;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Which sightings may move which indicator copy's score. Two rules, both required:
/// <list type="number">
/// <item>Everyone who may read the indicator may read the sighting (<see cref="Visibility.Covers"/>): the score is
/// shown to all of them, so it may not carry what some of them may not read.</item>
/// <item>The sighting's reporter may read the indicator copy it sighted. Otherwise a member could aim sightings,
/// false positives or expirations at an id it cannot see (ids of SCOs are deterministic) and move — or zero — the
/// score of another organisation's hidden TLP:RED indicator, dropping it from min_score feeds.</item>
/// </list>
/// Audience memberships are read when the score is computed: a reporter that joins a sharing group later counts from
/// the next recomputation of that indicator.
/// </summary>
internal sealed class SightingReach(IPrincipalResolver principals)
{
    /// <summary>The rule for sightings by <paramref name="reporters"/>, each reporter's read rule compiled once.</summary>
    public async Task<Func<IShareable, SightingRecord, bool>> ForAsync(IEnumerable<Guid> reporters, CancellationToken cancellationToken)
    {
        var reads = new Dictionary<Guid, Func<IShareable, bool>>();
        foreach (var org in reporters.Distinct())
        {
            var reporter = await principals.ForOrganisationAsync(org, Role.ReadOnly, "sighting reporter", cancellationToken);
            reads[org] = Visibility.Filter<IShareable>(reporter).Compile();
        }

        return (indicator, sighting) => Visibility.Covers(indicator, sighting)
            && (sighting.OwnerOrgId == indicator.OwnerOrgId || (reads.TryGetValue(sighting.OwnerOrgId, out var mayRead) && mayRead(indicator)));
    }
}
