using System.Text.RegularExpressions;
using Concord.Intel.Observables.Matching;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// An immutable set of loaded warninglists, indexed so "which lists hold this observable" never scans entries:
/// cidr lists in one <see cref="IpRangeIndex{T}"/>, hostname lists in one <see cref="DomainSuffixIndex{T}"/>,
/// string lists in hash maps, substring lists in one Aho–Corasick automaton; only regex lists (two small ones
/// in the MISP corpus) are tried one by one. Safe to share between threads; a reload builds a new one.
/// </summary>
internal sealed partial class WarninglistSnapshot
{
    private readonly Warninglist[] _lists;
    private readonly uint[] _kindMasks;
    private readonly IpRangeIndex<int> _networks;
    private readonly DomainSuffixIndex<int> _hostnames;
    private readonly StringMultiMap<int> _exact;
    private readonly StringMultiMap<int> _folded;
    private readonly AhoCorasick<int> _substrings;
    private readonly (int List, string Entry, Regex Regex)[] _regexes;

    /// <summary>A snapshot with no lists, for a node configured without any.</summary>
    public static WarninglistSnapshot Empty { get; } = Build([], []);

    /// <summary>The loaded lists, ordered by id.</summary>
    public IReadOnlyList<Warninglist> Lists => _lists;

    /// <summary>Every list that holds <paramref name="observable"/>, once per list, with the entry that matched.</summary>
    public IReadOnlyList<WarninglistMatch> Match(Observable observable)
    {
        var collector = new Collector(this, MispAttributeTypes.Bit(observable.Kind));
        var value = observable.Value;
        if (observable.Kind.IsIp())
        {
            MatchIp(value, collector);
        }
        else if (observable.Kind == ObservableKind.Domain)
        {
            _hostnames.Find(value, includeParents: true, collector, static (c, entry, list) => c.Add(list, entry));
        }
        else if (observable.Kind == ObservableKind.Url && UrlText.HostOf(value) is { } host && !host.Contains(':') && !IpText.TryParseV4(host, out _, out _))
        {
            _hostnames.Find(host, includeParents: true, collector, static (c, entry, list) => c.Add(list, entry));
        }

        (observable.Kind.IsCaseFolded() ? _folded : _exact).ForEach(value, collector, static (c, entry, list) => c.Add(list, entry));
        _substrings.Find(value, collector, static (c, entry, list) => c.Add(list, entry));
        foreach (var (list, entry, regex) in _regexes)
        {
            if (collector.Applies(list) && SafeRegex.IsMatch(regex, value))
            {
                collector.Add(list, entry);
            }
        }

        return collector.Matches;
    }

    private void MatchIp(string value, Collector collector)
    {
        if (!IpText.TryParseNetwork(value, out var network, out _))
        {
            return;
        }

        if (network.IsAddress)
        {
            _networks.Find(network.First, collector, static (c, entry, list) => c.Add(list, entry.ToString()));
            return;
        }

        foreach (var (entry, list) in _networks.Containing(network))
        {
            collector.Add(list, entry.ToString());
        }
    }

    /// <summary>Gathers matches for one lookup: one per list, only lists that apply to the observable's kind.</summary>
    private sealed class Collector(WarninglistSnapshot snapshot, uint kindBit)
    {
        private List<WarninglistMatch>? _matches;

        public IReadOnlyList<WarninglistMatch> Matches => _matches ?? (IReadOnlyList<WarninglistMatch>)[];

        public bool Applies(int list) => (snapshot._kindMasks[list] & kindBit) != 0;

        public void Add(int list, string entry)
        {
            if (!Applies(list))
            {
                return;
            }

            var info = snapshot._lists[list];
            _matches ??= [];
            foreach (var match in _matches)
            {
                if (ReferenceEquals(match.List, info))
                {
                    return;
                }
            }

            _matches.Add(new WarninglistMatch(info, entry));
        }
    }
}
