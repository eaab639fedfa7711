using Concord.Access;
using Concord.Intel.Features.Import;
using Concord.Observables;
using Concord.Intel.Observables.Exclusions;
using Concord.Stix;

namespace Concord.Intel.Features.Correlation;

/// <summary>Shapes visible matches into the public answer: grouped by organisation, in an order that depends only on what is shown.</summary>
internal static class CorrelationAnswer
{
    /// <summary>The columns of a visible, latest, unrevoked version that a correlation answer shows.</summary>
    internal sealed record VisibleRow(long Seq, string StixId, string Type, string? Name, Guid OwnerOrgId, Tlp Tlp, long? CreatedUs, long? ModifiedUs, long DateAddedUs)
    {
        public DateTimeOffset FirstSeen => StixTime.FromMicros(CreatedUs ?? DateAddedUs);

        public DateTimeOffset LastSeen => StixTime.FromMicros(ModifiedUs ?? CreatedUs ?? DateAddedUs);
    }

    /// <summary>A visible object matched for a value, and how.</summary>
    internal sealed record Found(VisibleRow Row, CorrelationMatch Match, Observable Stored);

    /// <summary>
    /// The stored observable an index entry stands for and how it matched <paramref name="asked"/>, or null when an
    /// exclusion matches it (a stored network inside an excluded range correlates with nothing).
    /// </summary>
    public static (CorrelationMatch Match, Observable Observable)? Stored(Probe probe, byte[] key, Observable asked, ExclusionMatcher exclusions)
    {
        if (probe.Stored is { } known)
        {
            return (probe.Match, known);
        }

        if (ObservableKey.ToNetwork(key) is not { } network)
        {
            return null;
        }

        var stored = Observable.FromCanonical(network.Kind, network.ToString());
        if (stored == asked)
        {
            return (CorrelationMatch.Exact, stored);
        }

        return exclusions.IsExcluded(stored) ? null : (CorrelationMatch.InsideNetwork, stored);
    }

    /// <param name="matches">The visible matches of one value.</param>
    /// <param name="organisations">The node's organisations by id.</param>
    /// <param name="scores">Current scores of indicators, by id and owner (the score table counts only what every reader may read).</param>
    public static List<CorrelationReporter> Group(
        Dictionary<long, Found> matches, Dictionary<Guid, OrganisationInfo> organisations, IReadOnlyDictionary<(string StixId, Guid Owner), double> scores) =>
        matches.Values
            .GroupBy(f => f.Row.OwnerOrgId)
            .Select(g =>
            {
                var organisation = organisations.GetValueOrDefault(g.Key);
                var objects = g.OrderBy(f => f.Row.FirstSeen).ThenBy(f => f.Row.StixId, StringComparer.Ordinal)
                    .Select(f => new CorrelatedObject(f.Row.StixId, f.Row.Type, f.Row.Name, Distribution.Label(f.Row.Tlp), f.Match, f.Stored.Kind.Name(), f.Stored.Value, f.Row.FirstSeen, f.Row.LastSeen)
                    {
                        Score = scores.TryGetValue((f.Row.StixId, f.Row.OwnerOrgId), out var score) ? score : null,
                    })
                    .ToList();
                return new CorrelationReporter(g.Key, organisation?.Name ?? "", organisation?.Country ?? "",
                    objects.Min(o => o.FirstSeen), objects.Max(o => o.LastSeen), objects);
            })
            .OrderBy(r => r.Organisation, StringComparer.Ordinal).ThenBy(r => r.OrganisationId)
            .ToList();
}
