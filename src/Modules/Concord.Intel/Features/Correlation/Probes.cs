using Concord.Observables;
using Concord.Intel.Observables.Exclusions;

namespace Concord.Intel.Features.Correlation;

/// <summary>Turns a looked-up observable into index probes: the exact key, IP ranges both ways, parent domains.</summary>
internal static class Probes
{
    /// <summary>
    /// The probes for <paramref name="observable"/>. An address or network probes the networks that could contain
    /// it — only at the prefix lengths present in the index — and the range of keys inside it. Probes whose stored
    /// observable an exclusion matches are left out.
    /// </summary>
    public static void For(int value, Observable observable, bool parents, IReadOnlyCollection<(short Space, short Prefix)> prefixes, ExclusionMatcher exclusions, List<Probe> probes)
    {
        if (observable.Kind.IsIp() && IpText.TryParseNetwork(observable.Value, out var network, out _))
        {
            foreach (var (low, high) in ObservableKey.RangesInside(network))
            {
                probes.Add(new Probe(value, low, high, CorrelationMatch.InsideNetwork, null));
            }

            foreach (var (space, prefix) in prefixes)
            {
                var unified = space == ObservableKey.V4Space ? prefix + 96 : prefix;
                if (unified >= network.Prefix || (space == ObservableKey.V4Space && !network.IsV4))
                {
                    continue;
                }

                var container = IpNetwork.Create(network.First, unified);
                if (ObservableKey.PrefixOf(container) == (space, prefix) && Observable.Parse(container.Kind, container.ToString()) is { IsSuccess: true } stored
                    && !exclusions.IsExcluded(stored.Value))
                {
                    var key = ObservableKey.Of(container);
                    probes.Add(new Probe(value, key, key, CorrelationMatch.ContainingNetwork, stored.Value));
                }
            }

            return;
        }

        var exact = ObservableKey.Of(observable);
        probes.Add(new Probe(value, exact, exact, CorrelationMatch.Exact, observable));
        if (!parents || observable.Kind != ObservableKind.Domain)
        {
            return;
        }

        // Parents down to the registrable-looking two labels: a bare TLD would tie together everything under it.
        var name = observable.Value;
        for (var dot = name.IndexOf('.'); dot >= 0 && name.AsSpan(dot + 1).Contains('.'); dot = name.IndexOf('.'))
        {
            name = name[(dot + 1)..];
            var parent = Observable.FromCanonical(ObservableKind.Domain, name);
            if (!exclusions.IsExcluded(parent))
            {
                var key = ObservableKey.Of(parent);
                probes.Add(new Probe(value, key, key, CorrelationMatch.ParentDomain, parent));
            }
        }
    }
}
