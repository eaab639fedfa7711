using Concord.Access;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>A count of objects with one value of a property.</summary>
public sealed record CountOf<T>(T Key, long Count);

/// <summary>Objects added on one UTC day.</summary>
public sealed record DailyCount(DateOnly Day, long Count);

/// <summary>An ATT&amp;CK technique (an attack-pattern) and how many relationships point at it.</summary>
public sealed record TechniqueCount(string StixId, string? Name, string? ExternalId, long Count);

/// <summary>A recently added object, as a list shows it.</summary>
public sealed record RecentObject(string StixId, string Type, string? Name, Guid? OwnerOrgId, Tlp Tlp, DateTimeOffset DateAdded);

/// <summary>
/// What a principal may see of the last <see cref="Days"/> days: objects added (latest versions, not revoked) by TLP,
/// type, owner organisation and day; the techniques their relationships point at; and the newest objects.
/// </summary>
public sealed record IntelOverview(
    int Days,
    long Added,
    IReadOnlyList<CountOf<Tlp>> ByTlp,
    IReadOnlyList<CountOf<string>> TopTypes,
    IReadOnlyList<CountOf<Guid>> TopOwners,
    IReadOnlyList<TechniqueCount> TopTechniques,
    IReadOnlyList<DailyCount> Activity,
    IReadOnlyList<RecentObject> Recent);

/// <summary>Aggregates over the object store for dashboards; every count is over what the principal may read.</summary>
public interface IIntelStats
{
    /// <param name="principal">Who is looking: every query is filtered by <see cref="Visibility"/> for them.</param>
    /// <param name="days">The window, 1 to 366 days back from now.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    Task<IntelOverview> OverviewAsync(Principal principal, int days, CancellationToken cancellationToken);
}
