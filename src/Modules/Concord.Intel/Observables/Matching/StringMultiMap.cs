namespace Concord.Intel.Observables.Matching;

/// <summary>
/// An immutable map from text to one or more values, looked up by span so a caller can probe substrings (domain
/// suffixes, URL hosts) without allocating. Values live in one array chained by index, so a key with one value
/// (nearly all of them) costs one dictionary slot and one array cell.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StringMultiMap<T>
{
    private readonly Dictionary<string, int> _heads;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly T[] _values;
    private readonly int[] _next;

    /// <summary>Builds the map; <paramref name="ignoreCase"/> compares keys ordinally ignoring case.</summary>
    public StringMultiMap(IEnumerable<(string Key, T Value)> entries, bool ignoreCase)
    {
        _heads = new Dictionary<string, int>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var values = new List<T>();
        var next = new List<int>();
        foreach (var (key, value) in entries)
        {
            next.Add(_heads.TryGetValue(key, out var head) ? head : -1);
            _heads[key] = values.Count;
            values.Add(value);
        }

        (_values, _next) = ([.. values], [.. next]);
        _lookup = _heads.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many distinct keys are stored.</summary>
    public int KeyCount => _heads.Count;

    /// <summary>True when <paramref name="key"/> is stored.</summary>
    public bool Contains(ReadOnlySpan<char> key) => _lookup.ContainsKey(key);

    /// <summary>Calls <paramref name="found"/> with the stored key and each value stored under <paramref name="key"/>.</summary>
    /// <returns>False when the key is not stored.</returns>
    public bool ForEach<TState>(ReadOnlySpan<char> key, TState state, Action<TState, string, T> found)
    {
        if (!_lookup.TryGetValue(key, out var storedKey, out var i))
        {
            return false;
        }

        for (; i >= 0; i = _next[i])
        {
            found(state, storedKey, _values[i]);
        }

        return true;
    }
}
