using System.Text.RegularExpressions;
using Concord.Intel.Observables.Matching;
using Concord.Observables;

namespace Concord.Intel.Observables.Warninglists;

internal sealed partial class WarninglistSnapshot
{
    private WarninglistSnapshot(Warninglist[] lists, uint[] kindMasks, Entries entries)
    {
        (_lists, _kindMasks) = (lists, kindMasks);
        _hits = new long[lists.Length];
        _networks = IpRangeIndex<int>.Build(entries.Networks);
        _hostnames = new DomainSuffixIndex<int>(entries.Hostnames);
        _strings = new StringMultiMap<(int, string)>(entries.Strings.Select(e => (Lower(e.Item1), (e.Item2, e.Item1))), ignoreCase: false);
        _substrings = new AhoCorasick<int>(entries.Substrings);
        _regexes = [.. entries.Regexes];
        _cidrKinds = KindsOf(WarninglistType.Cidr, lists, kindMasks);
        _hostnameKinds = KindsOf(WarninglistType.Hostname, lists, kindMasks);
        _stringKinds = KindsOf(WarninglistType.String, lists, kindMasks);
        _substringKinds = KindsOf(WarninglistType.Substring, lists, kindMasks);
        _regexKinds = KindsOf(WarninglistType.Regex, lists, kindMasks);
    }

    private static uint KindsOf(WarninglistType type, Warninglist[] lists, uint[] kindMasks)
    {
        var kinds = 0u;
        for (var i = 0; i < lists.Length; i++)
        {
            kinds |= lists[i].Type == type ? kindMasks[i] : 0;
        }

        return kinds;
    }

    /// <summary>Lower-cases without allocating for the common case of an entry that already is.</summary>
    private static string Lower(string entry) => entry.AsSpan().ContainsAnyInRange('A', 'Z') || !System.Text.Ascii.IsValid(entry)
        ? entry.ToLowerInvariant()
        : entry;

    /// <summary>
    /// Builds a snapshot. Entries are normalised the way the matching observables are, so a list written in
    /// upper case (<c>FE80::/10</c>, <c>.BMW.de</c>) still matches; entries that cannot be read are reported in
    /// <paramref name="problems"/> and skipped, and the rest of their list still loads.
    /// </summary>
    public static WarninglistSnapshot Build(IEnumerable<WarninglistFile> files, List<WarninglistProblem> problems)
    {
        var ordered = files.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        var entries = new Entries();
        var lists = new Warninglist[ordered.Length];
        var masks = new uint[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var file = ordered[i];
            var loaded = entries.Add(i, file, out var rejected);
            if (rejected.Count > 0)
            {
                problems.Add(new(file.Path, $"{rejected.Count} entries skipped, e.g. {string.Join("; ", rejected.Take(3))}"));
            }

            lists[i] = new Warninglist(file.Id, file.Name, file.Version, file.Description, file.Type, file.MatchingAttributes, loaded);
            masks[i] = MispAttributeTypes.KindMask(file.MatchingAttributes);
        }

        return new WarninglistSnapshot(lists, masks, entries);
    }

    private sealed class Entries
    {
        public List<(IpNetwork, int)> Networks { get; } = [];

        public List<(string, int)> Hostnames { get; } = [];

        public List<(string, int)> Strings { get; } = [];

        public List<(string, int)> Substrings { get; } = [];

        public List<(int, string, Regex)> Regexes { get; } = [];

        public int Add(int list, WarninglistFile file, out List<string> rejected)
        {
            rejected = [];
            var loaded = 0;
            foreach (var raw in file.Entries)
            {
                var entry = raw.Trim();
                if (entry.Length == 0)
                {
                    continue;
                }

                string? error = null;
                switch (file.Type)
                {
                    case WarninglistType.Cidr when IpText.TryParseNetwork(entry, out var network, out error):
                        Networks.Add((network, list));
                        break;
                    case WarninglistType.Hostname:
                        // MISP trims dots and lower-cases hostname entries; punycode as well, like the observables.
                        var host = entry.Trim('.');
                        Hostnames.Add((DomainText.TryNormalise(host, out var domain, out _) ? domain : host.ToLowerInvariant(), list));
                        break;
                    case WarninglistType.String:
                        Strings.Add((entry, list));
                        break;
                    case WarninglistType.Substring:
                        Substrings.Add((entry, list));
                        break;
                    case WarninglistType.Regex when MispRegex.TryCreate(entry, out var regex, out error):
                        Regexes.Add((list, entry, regex!));
                        break;
                }

                if (error is null)
                {
                    loaded++;
                }
                else
                {
                    rejected.Add($"'{entry}': {error}");
                }
            }

            return loaded;
        }
    }
}
