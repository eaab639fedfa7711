using Concord.Observables;

namespace Concord.Intel.Observables.Matching;

/// <summary>
/// Every stored network that contains an address, in O(log n + matches), for both families at once.
/// </summary>
/// <remarks>
/// CIDR networks never partly overlap: two are disjoint or one contains the other. So, sorted by first address
/// (wider first on a tie), each network's nearest container is found once with a stack at build time. A lookup
/// binary-searches the last network starting at or before the address; the networks containing the address are
/// exactly the first container met walking up from there, and all of its containers. Arrays, not nodes: a
/// bit trie over 128-bit keys would cost dozens of objects per network.
/// </remarks>
/// <typeparam name="T">What each network carries (a list id, an object id).</typeparam>
internal sealed class IpRangeIndex<T>
{
    private readonly UInt128[] _first;
    private readonly UInt128[] _last;
    private readonly int[] _parent;
    private readonly T[] _values;
    private readonly byte[] _prefix;

    private IpRangeIndex(List<(IpNetwork Network, T Value)> entries)
    {
        var count = entries.Count;
        var order = new SortKey[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = new SortKey(entries[i].Network.First, entries[i].Network.Prefix, i);
        }

        // A struct key sorted through IComparable: no delegate call per comparison, which mattered for load time.
        Array.Sort(order);
        (_first, _last, _parent, _values, _prefix) = (new UInt128[count], new UInt128[count], new int[count], new T[count], new byte[count]);
        var open = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            var (network, value) = entries[order[i].Index];
            (_first[i], _last[i], _values[i], _prefix[i]) = (network.First, network.Last, value, (byte)network.Prefix);
            while (open.Count > 0 && _last[open.Peek()] < network.First)
            {
                open.Pop();
            }

            _parent[i] = open.Count > 0 ? open.Peek() : -1;
            open.Push(i);
        }
    }

    /// <summary>How many networks are stored.</summary>
    public int Count => _values.Length;

    /// <summary>Builds an index; the same network may appear many times with different values.</summary>
    public static IpRangeIndex<T> Build(IEnumerable<(IpNetwork Network, T Value)> entries) => new([.. entries]);

    /// <summary>Calls <paramref name="found"/> for every stored network containing <paramref name="address"/>, narrowest first.</summary>
    public void Find<TState>(UInt128 address, TState state, Action<TState, IpNetwork, T> found)
    {
        var i = LastStartingAtOrBefore(address);
        while (i >= 0 && _last[i] < address)
        {
            i = _parent[i];
        }

        for (; i >= 0; i = _parent[i])
        {
            found(state, new IpNetwork(_first[i], _prefix[i]), _values[i]);
        }
    }

    /// <summary>Every stored network that contains all of <paramref name="network"/>, narrowest first.</summary>
    public List<(IpNetwork Network, T Value)> Containing(IpNetwork network)
    {
        var matches = new List<(IpNetwork, T)>();
        Find(network.First, (matches, network), static (s, candidate, value) =>
        {
            if (candidate.Contains(s.network))
            {
                s.matches.Add((candidate, value));
            }
        });
        return matches;
    }

    /// <summary>True when any stored network contains <paramref name="address"/>.</summary>
    public bool ContainsAny(UInt128 address)
    {
        var i = LastStartingAtOrBefore(address);
        while (i >= 0 && _last[i] < address)
        {
            i = _parent[i];
        }

        return i >= 0;
    }

    private int LastStartingAtOrBefore(UInt128 address)
    {
        int low = 0, high = _first.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (_first[mid] <= address)
            {
                (found, low) = (mid, mid + 1);
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    /// <summary>First address ascending, then wider networks first, then insertion order (so the sort is stable).</summary>
    private readonly record struct SortKey(UInt128 First, int Prefix, int Index) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var byFirst = First.CompareTo(other.First);
            if (byFirst != 0)
            {
                return byFirst;
            }

            return Prefix != other.Prefix ? Prefix.CompareTo(other.Prefix) : Index.CompareTo(other.Index);
        }
    }
}
