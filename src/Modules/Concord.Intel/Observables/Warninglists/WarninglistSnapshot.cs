using System.Text.RegularExpressions;
using Concord.Intel.Observables.Matching;
using Concord.Observables;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// An immutable set of loaded warninglists, indexed so "which lists hold this observable" never scans entries:
/// cidr lists in one <see cref="IpRangeIndex{T}"/>, hostname lists in one <see cref="DomainSuffixIndex{T}"/>,
/// string lists in one hash map, substring lists in one Aho–Corasick automaton; only regex lists (two small ones
/// in the MISP corpus) are tried one by one. Safe to share between threads; a reload builds a new one.
/// </summary>
internal sealed partial class WarninglistSnapshot
{
    private readonly Warninglist[] _lists;
    private readonly uint[] _kindMasks;
    private readonly IpRangeIndex<int> _networks;
    private readonly DomainSuffixIndex<int> _hostnames;
    private readonly StringMultiMap<(int List, string Entry)> _strings;
    private readonly AhoCorasick<int> _substrings;
    private readonly (int List, string Entry, Regex Regex)[] _regexes;

    // How many values each list has flagged since this snapshot was loaded (imports, lookups, exports): for operators.
    private readonly long[] _hits;

    // The kinds each list type applies to, so a lookup skips structures no list of that type could answer.
    private readonly uint _cidrKinds, _hostnameKinds, _stringKinds, _substringKinds, _regexKinds;

    /// <summary>A snapshot with no lists, for a node configured without any.</summary>
    public static WarninglistSnapshot Empty { get; } = Build([], []);

    /// <summary>The loaded lists, ordered by id.</summary>
    public IReadOnlyList<Warninglist> Lists => _lists;

    /// <summary>How many values the list at <paramref name="index"/> of <see cref="Lists"/> has held since these lists were loaded.</summary>
    public long HitsOf(int index) => Volatile.Read(ref _hits[index]);

    /// <summary>Every list that holds <paramref name="observable"/>, once per list, with the entry that matched.</summary>
    public IReadOnlyList<WarninglistMatch> Match(Observable observable)
    {
        var bit = MispAttributeTypes.Bit(observable.Kind);
        var collector = new Collector(this, bit);
        var value = observable.Value;
        if ((_cidrKinds & bit) != 0 && observable.Kind.IsIp())
        {
            MatchIp(value, collector);
        }

        if ((_hostnameKinds & bit) != 0 && HostnameOf(observable) is { } host)
        {
            _hostnames.Find(host, includeParents: true, collector, static (c, entry, list) => c.Add(list, entry));
        }

        if ((_stringKinds & bit) != 0)
        {
            MatchString(observable, collector);
        }

        if ((_substringKinds & bit) != 0)
        {
            _substrings.Find(value, collector, static (c, entry, list) => c.Add(list, entry));
        }

        if ((_regexKinds & bit) != 0)
        {
            foreach (var (list, entry, regex) in _regexes)
            {
                if (collector.Applies(list) && SafeRegex.IsMatch(regex, value))
                {
                    collector.Add(list, entry);
                }
            }
        }

        return collector.Matches;
    }

    /// <summary>The domain that hostname lists check: the name itself, or a URL's host when it is a name (MISP does the same).</summary>
    private static string? HostnameOf(Observable observable) => observable.Kind switch
    {
        ObservableKind.Domain => observable.Value,
        ObservableKind.Url when UrlText.HostOf(observable.Value) is { } host && !host.Contains(':') && !IpText.TryParseV4(host, out _, out _) => host,
        _ => null,
    };

    /// <summary>
    /// String entries are keyed lower-case. Case-folded kinds (domains, hashes) match whatever the entry's case,
    /// so the upper-case <c>tlds</c> list still works; exact kinds (mutexes, URLs) must also equal the entry.
    /// </summary>
    private void MatchString(Observable observable, Collector collector)
    {
        var value = observable.Value;
        Span<char> lower = value.Length <= 512 ? stackalloc char[value.Length] : new char[value.Length];
        value.AsSpan().ToLowerInvariant(lower);
        _strings.ForEach(lower, (collector, value, observable.Kind.IsCaseFolded()), static (s, _, hit) =>
        {
            if (s.Item3 || string.Equals(hit.Entry, s.value, StringComparison.Ordinal))
            {
                s.collector.Add(hit.List, hit.Entry);
            }
        });
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
            Interlocked.Increment(ref snapshot._hits[list]);
        }
    }
}
