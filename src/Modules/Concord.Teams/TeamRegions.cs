using Concord.Teams.Features.Teams;

namespace Concord.Teams;

/// <summary>The directory's regions (continents, from its countries table), for search filters.</summary>
public static class TeamRegions
{
    public static IReadOnlyList<string> All { get; } =
        [.. Countries.All.Values.Select(c => c.Region).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
