using Concord.Observables;

namespace Concord.Intel.Observables.Matching;

/// <summary>
/// Observables matched exactly, by kind and canonical value, each carrying one or more values. Canonical values
/// make exact comparison correct: the normaliser has already folded whatever case and encoding do not matter.
/// </summary>
/// <typeparam name="T">What each observable carries.</typeparam>
internal sealed class ExactSet<T>
{
    private readonly Dictionary<Observable, int> _heads = [];
    private readonly T[] _values;
    private readonly int[] _next;

    /// <summary>Builds the set; an observable may appear several times with different values.</summary>
    public ExactSet(IEnumerable<(Observable Observable, T Value)> entries)
    {
        var values = new List<T>();
        var next = new List<int>();
        foreach (var (observable, value) in entries)
        {
            next.Add(_heads.TryGetValue(observable, out var head) ? head : -1);
            _heads[observable] = values.Count;
            values.Add(value);
        }

        (_values, _next) = ([.. values], [.. next]);
    }

    /// <summary>How many distinct observables are stored.</summary>
    public int Count => _heads.Count;

    /// <summary>True when <paramref name="observable"/> is stored.</summary>
    public bool Contains(Observable observable) => _heads.ContainsKey(observable);

    /// <summary>Every value stored for <paramref name="observable"/>, most recently added first.</summary>
    public IEnumerable<T> Find(Observable observable)
    {
        if (!_heads.TryGetValue(observable, out var i))
        {
            yield break;
        }

        for (; i >= 0; i = _next[i])
        {
            yield return _values[i];
        }
    }
}
