namespace Concord.Observables.Ownership;

/// <summary>
/// Answers "whose is this?" for an IP address or network, a domain (or the host of a URL or e-mail address) or an AS
/// number, over every team's constituency. Immutable once built (plain hash tables: safe for concurrent readers and
/// quicker to build than frozen ones): build a new one when a constituency changes and swap it in.
/// <para>
/// Addresses: one hash table per prefix length present, probed from the longest down, so a lookup costs one probe per
/// distinct prefix length (at most 129) whatever the number of networks — the longest match comes first. Domains: a
/// hash table of claimed names, probed for the name and each parent. Claims <i>inside</i> a queried network or domain
/// come from sorted arrays by binary search. AS numbers: one hash table.
/// </para>
/// </summary>
public sealed class ConstituencyIndex
{
    /// <summary>At most this many claims inside a queried network or domain are listed (a /8 may hold thousands).</summary>
    public const int MaxWithin = 100;

    private readonly Dictionary<int, Dictionary<UInt128, Claimed>> _networks;
    private readonly int[] _prefixes;
    private readonly (IpNetwork Network, Observable Claim, Guid Owner)[] _byFirst;
    private readonly Dictionary<string, Claimed> _domains;
    private readonly (string Reversed, Observable Claim, Guid Owner)[] _byReversed;
    private readonly Dictionary<string, Claimed> _asns;

    private ConstituencyIndex(IReadOnlyCollection<ConstituencyClaim> claims)
    {
        var networks = new List<(IpNetwork Network, Observable Claim, Guid Owner)>();
        var domains = new List<(Observable Claim, Guid Owner)>();
        var asns = new List<(Observable Claim, Guid Owner)>();
        foreach (var claim in claims.Distinct())
        {
            switch (claim.Value.Kind)
            {
                case ObservableKind.Ipv4Address or ObservableKind.Ipv4Network or ObservableKind.Ipv6Address or ObservableKind.Ipv6Network:
                    IpText.TryParseNetwork(claim.Value.Value, out var network, out _);
                    networks.Add((network, claim.Value, claim.Owner));
                    break;
                case ObservableKind.Domain:
                    domains.Add((claim.Value, claim.Owner));
                    break;
                case ObservableKind.AutonomousSystem:
                    asns.Add((claim.Value, claim.Owner));
                    break;
                default:
                    throw new ArgumentException($"A constituency holds networks, domains and AS numbers, not {claim.Value.Kind}.", nameof(claims));
            }
        }

        _networks = networks.GroupBy(n => n.Network.Prefix).ToDictionary(
            g => g.Key, g => g.GroupBy(n => n.Network.First).ToDictionary(f => f.Key, f => new Claimed(f.First().Claim, [.. f.Select(n => n.Owner)])));
        _prefixes = [.. _networks.Keys.OrderDescending()];
        _byFirst = [.. networks.OrderBy(n => n.Network.First).ThenBy(n => n.Network.Prefix)];
        _domains = domains.GroupBy(d => d.Claim.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Claimed(g.First().Claim, [.. g.Select(d => d.Owner)]), StringComparer.Ordinal);
        _byReversed = [.. domains.Select(d => (Reverse(d.Claim.Value), d.Claim, d.Owner)).OrderBy(d => d.Item1, StringComparer.Ordinal)];
        _asns = asns.GroupBy(a => a.Claim.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Claimed(g.First().Claim, [.. g.Select(a => a.Owner)]), StringComparer.Ordinal);
        Count = networks.Count + domains.Count + asns.Count;
    }

    /// <summary>An index with no claims.</summary>
    public static ConstituencyIndex Empty { get; } = new([]);

    /// <summary>How many distinct claims the index holds.</summary>
    public int Count { get; }

    public static ConstituencyIndex Build(IEnumerable<ConstituencyClaim> claims) => new([.. claims]);

    /// <summary>
    /// Every claim that covers <paramref name="value"/>, most specific first (the first ones <see cref="ConstituencyMatch.Primary"/>),
    /// then up to <see cref="MaxWithin"/> claims inside it. A URL is looked up by its host and an e-mail address by its
    /// domain; kinds no constituency holds (hashes, mutexes) answer nothing.
    /// </summary>
    public IReadOnlyList<ConstituencyMatch> Find(Observable value)
    {
        var matches = new List<ConstituencyMatch>();
        switch (value.Kind)
        {
            case ObservableKind.Ipv4Address or ObservableKind.Ipv4Network or ObservableKind.Ipv6Address or ObservableKind.Ipv6Network:
                IpText.TryParseNetwork(value.Value, out var network, out _);
                FindNetwork(network, matches);
                break;
            case ObservableKind.Domain:
                FindDomain(value.Value, matches);
                break;
            case ObservableKind.Url when UrlText.HostOf(value.Value) is { } host:
                FindHost(host, matches);
                break;
            case ObservableKind.Email when value.Value.LastIndexOf('@') is var at and > 0:
                FindDomain(value.Value[(at + 1)..], matches);
                break;
            case ObservableKind.AutonomousSystem when _asns.TryGetValue(value.Value, out var asn):
                matches.AddRange(asn.Owners.Select(owner => new ConstituencyMatch(owner, asn.Claim, ConstituencyRelation.Covers, 0, Primary: true)));
                break;
        }

        return matches;
    }

    private void FindHost(string host, List<ConstituencyMatch> matches)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IpText.TryParseNetwork(bare, out var address, out _))
        {
            FindNetwork(address, matches);
        }
        else if (Observable.Parse(ObservableKind.Domain, host) is { IsSuccess: true } domain)
        {
            FindDomain(domain.Value.Value, matches);
        }
    }

    private void FindNetwork(IpNetwork query, List<ConstituencyMatch> matches)
    {
        var primary = true;
        foreach (var prefix in _prefixes)
        {
            if (prefix > query.Prefix)
            {
                continue;
            }

            var candidate = IpNetwork.Create(query.First, prefix);
            if (_networks[prefix].TryGetValue(candidate.First, out var claimed))
            {
                var specificity = candidate.IsV4 ? prefix - 96 : prefix;
                matches.AddRange(claimed.Owners.Select(owner => new ConstituencyMatch(owner, claimed.Claim, ConstituencyRelation.Covers, specificity, primary)));
                primary = false;
            }
        }

        if (query.IsAddress)
        {
            return;
        }

        // Claims strictly inside the queried network: those starting in it and more specific than it.
        var start = LowerBound(_byFirst, query.First);
        var listed = 0;
        for (var i = start; i < _byFirst.Length && _byFirst[i].Network.First <= query.Last && listed < MaxWithin; i++)
        {
            var (network, claim, owner) = _byFirst[i];
            if (network.Prefix > query.Prefix && network.Last <= query.Last)
            {
                matches.Add(new ConstituencyMatch(owner, claim, ConstituencyRelation.Within, network.IsV4 ? network.Prefix - 96 : network.Prefix, Primary: false));
                listed++;
            }
        }
    }

    private void FindDomain(string domain, List<ConstituencyMatch> matches)
    {
        var primary = true;
        var labels = domain.Count(c => c == '.') + 1;
        for (var name = domain; ; labels--)
        {
            if (_domains.TryGetValue(name, out var claimed))
            {
                matches.AddRange(claimed.Owners.Select(owner => new ConstituencyMatch(owner, claimed.Claim, ConstituencyRelation.Covers, labels, primary)));
                primary = false;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                break;
            }

            name = name[(dot + 1)..];
        }

        // Subdomains claimed by others: reversed names sort a domain's subdomains together, right after "com.example.".
        var below = Reverse(domain) + ".";
        var listed = 0;
        for (var i = LowerBound(_byReversed, below); i < _byReversed.Length && listed < MaxWithin && _byReversed[i].Reversed.StartsWith(below, StringComparison.Ordinal); i++)
        {
            var (_, claim, owner) = _byReversed[i];
            matches.Add(new ConstituencyMatch(owner, claim, ConstituencyRelation.Within, claim.Value.Count(c => c == '.') + 1, Primary: false));
            listed++;
        }
    }

    /// <summary>Labels in reverse order ("a.example.com" → "com.example.a"), so a domain's subdomains sort after it as a block.</summary>
    private static string Reverse(string domain) => string.Join('.', domain.Split('.').Reverse());

    private static int LowerBound((IpNetwork Network, Observable Claim, Guid Owner)[] sorted, UInt128 first)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid].Network.First < first)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int LowerBound((string Reversed, Observable Claim, Guid Owner)[] sorted, string key)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(sorted[mid].Reversed, key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>One claimed value and every owner claiming it (two teams may claim the same range: both are answered).</summary>
    private sealed record Claimed(Observable Claim, Guid[] Owners);
}
