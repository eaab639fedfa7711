using System.Text.RegularExpressions;
using Concord.Intel.Observables.Matching;
using Concord.Platform;
using Concord.Observables;

namespace Concord.Intel.Observables.Exclusions;

/// <summary>
/// Answers "is this observable excluded from correlation, and by which rule" with the same structures as the
/// warninglists: a hash set for exact values, a range index for networks; only regular expressions are tried
/// one by one (<see cref="SafeRegex"/>, so none can stall a lookup). Immutable: when administrators change the exclusions, build a new matcher and swap it in.
/// </summary>
internal sealed class ExclusionMatcher
{
    private readonly CorrelationExclusion[] _exclusions;
    private readonly ExactSet<int> _exact;
    private readonly IpRangeIndex<int> _networks;
    private readonly (int Index, Regex Regex)[] _regexes;

    private ExclusionMatcher(CorrelationExclusion[] exclusions, ExactSet<int> exact, IpRangeIndex<int> networks, (int, Regex)[] regexes) =>
        (_exclusions, _exact, _networks, _regexes) = (exclusions, exact, networks, regexes);

    /// <summary>A matcher that excludes nothing.</summary>
    public static ExclusionMatcher None { get; } = new([], new ExactSet<int>([]), IpRangeIndex<int>.Build([]), []);

    /// <summary>Builds a matcher, or names the first exclusion that is not valid (field <c>exclusions[i].value</c>).</summary>
    public static Result<ExclusionMatcher> Build(IReadOnlyList<CorrelationExclusion> exclusions)
    {
        var exact = new List<(Observable, int)>();
        var networks = new List<(IpNetwork, int)>();
        var regexes = new List<(int, Regex)>();
        for (var i = 0; i < exclusions.Count; i++)
        {
            var (kind, value, _) = exclusions[i];
            var field = $"exclusions[{i}].value";
            if (string.IsNullOrWhiteSpace(value))
            {
                return Error.Validation(field, "exclusion-empty", "An exclusion needs a value.");
            }

            switch (kind)
            {
                case ExclusionKind.Exact:
                    // The same text can be valid as several kinds ("abc" is a domain, a mutex, a serial); it is
                    // excluded as each, since the administrator excluded the value, not one reading of it.
                    var parsed = ObservableKinds.All.Select(k => Observable.Parse(k, value)).Where(r => r.IsSuccess).ToList();
                    if (parsed.Count == 0)
                    {
                        return Error.Validation(field, "exclusion-value", $"'{value}' is not a valid value of any observable kind.");
                    }

                    exact.AddRange(parsed.Select(r => (r.Value, i)));
                    break;
                case ExclusionKind.Cidr when IpText.TryParseNetwork(value.Trim(), out var network, out var reason):
                    networks.Add((network, i));
                    break;
                case ExclusionKind.Cidr:
                    return Error.Validation(field, "exclusion-cidr", $"'{value}' is not an IP address or CIDR network.");
                case ExclusionKind.Regex when SafeRegex.TryCreate(value, RegexOptions.None, out var regex, out _):
                    regexes.Add((i, regex!));
                    break;
                case ExclusionKind.Regex:
                    return Error.Validation(field, "exclusion-regex", $"'{value}' is not a valid regular expression.");
            }
        }

        return new ExclusionMatcher([.. exclusions], new ExactSet<int>(exact), IpRangeIndex<int>.Build(networks), [.. regexes]);
    }

    /// <summary>The first exclusion (in the order given) that matches <paramref name="observable"/>, or null.</summary>
    public CorrelationExclusion? Match(Observable observable)
    {
        var first = int.MaxValue;
        foreach (var index in _exact.Find(observable))
        {
            first = Math.Min(first, index);
        }

        if (observable.Kind.IsIp() && IpText.TryParseNetwork(observable.Value, out var network, out _))
        {
            foreach (var (_, index) in _networks.Containing(network))
            {
                first = Math.Min(first, index);
            }
        }

        foreach (var (index, regex) in _regexes)
        {
            if (index < first && SafeRegex.IsMatch(regex, observable.Value))
            {
                first = index;
                break;
            }
        }

        return first == int.MaxValue ? null : _exclusions[first];
    }

    /// <summary>True when any exclusion matches <paramref name="observable"/>.</summary>
    public bool IsExcluded(Observable observable) => Match(observable) is not null;
}
