namespace Concord.Intel.Observables.Matching;

/// <summary>
/// Finds which of many patterns occur inside a text in one pass over the text (Aho–Corasick), so a substring
/// warninglist of 8,000 entries costs the same per lookup as one of eight.
/// </summary>
/// <remarks>
/// After building, each state's children sit in one flat sorted array (most states have one or two), and the
/// root, which sees every character, has a direct table for ASCII: no hashing on the lookup path. Each state
/// links to the nearest state that ends a pattern, so reporting matches never walks states that end none.
/// </remarks>
/// <typeparam name="T">What each pattern carries.</typeparam>
internal sealed class AhoCorasick<T>
{
    private readonly int[] _childStart;
    private readonly char[] _childChar;
    private readonly int[] _childState;
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _fail;
    private readonly int[] _outputLink;
    private readonly int[] _firstOutput;
    private readonly (string Pattern, T Value, int Next)[] _outputs;

    /// <summary>Builds the automaton; empty patterns are ignored (they would match everything).</summary>
    public AhoCorasick(IEnumerable<(string Pattern, T Value)> patterns)
    {
        var edges = new Dictionary<(int State, char C), int>();
        var outputs = new List<(string, T, int)>();
        var firstOutput = new List<int> { -1 };
        foreach (var (pattern, value) in patterns)
        {
            var state = 0;
            foreach (var c in pattern)
            {
                if (!edges.TryGetValue((state, c), out var next))
                {
                    next = firstOutput.Count;
                    firstOutput.Add(-1);
                    edges[(state, c)] = next;
                }

                state = next;
            }

            if (state != 0)
            {
                outputs.Add((pattern, value, firstOutput[state]));
                firstOutput[state] = outputs.Count - 1;
            }
        }

        (_outputs, _firstOutput) = ([.. outputs], [.. firstOutput]);
        var states = _firstOutput.Length;
        var sorted = edges.OrderBy(e => e.Key.State).ThenBy(e => e.Key.C).ToArray();
        (_childStart, _childChar, _childState) = (new int[states + 1], new char[sorted.Length], new int[sorted.Length]);
        for (var i = 0; i < sorted.Length; i++)
        {
            (_childChar[i], _childState[i]) = (sorted[i].Key.C, sorted[i].Value);
            _childStart[sorted[i].Key.State + 1]++;
        }

        for (var s = 0; s < states; s++)
        {
            _childStart[s + 1] += _childStart[s];
        }

        for (var c = 0; c < 128; c++)
        {
            _rootAscii[c] = Child(0, (char)c);
        }

        (_fail, _outputLink) = (new int[states], new int[states]);
        LinkFailures();
    }

    /// <summary>How many patterns are stored.</summary>
    public int Count => _outputs.Length;

    /// <summary>True when no pattern is stored, so a lookup can skip the text entirely.</summary>
    public bool IsEmpty => _outputs.Length == 0;

    /// <summary>Calls <paramref name="found"/> for every stored pattern occurring in <paramref name="text"/> (once per occurrence).</summary>
    public void Find<TState>(ReadOnlySpan<char> text, TState state, Action<TState, string, T> found)
    {
        if (IsEmpty)
        {
            return;
        }

        var current = 0;
        foreach (var c in text)
        {
            current = Transition(current, c);
            for (var s = _firstOutput[current] >= 0 ? current : _outputLink[current]; s > 0; s = _outputLink[s])
            {
                for (var o = _firstOutput[s]; o >= 0; o = _outputs[o].Next)
                {
                    found(state, _outputs[o].Pattern, _outputs[o].Value);
                }
            }
        }
    }

    /// <summary>The child of <paramref name="state"/> on <paramref name="c"/>, or -1 (0 for the root, which loops to itself).</summary>
    private int Child(int state, char c)
    {
        if (state == 0 && c < 128 && _childStart.Length > 0 && _rootAscii[c] != 0)
        {
            return _rootAscii[c];
        }

        int low = _childStart[state], high = _childStart[state + 1] - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            if (_childChar[mid] == c)
            {
                return _childState[mid];
            }

            (low, high) = _childChar[mid] < c ? (mid + 1, high) : (low, mid - 1);
        }

        return state == 0 ? 0 : -1;
    }

    /// <summary>Where the automaton goes from <paramref name="state"/> on <paramref name="c"/>, following failure links.</summary>
    private int Transition(int state, char c)
    {
        while (true)
        {
            var next = Child(state, c);
            if (next >= 0)
            {
                return next;
            }

            state = _fail[state];
        }
    }

    /// <summary>Breadth-first, so every state's failure target is final before its children need it.</summary>
    private void LinkFailures()
    {
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.TryDequeue(out var state))
        {
            for (var i = _childStart[state]; i < _childStart[state + 1]; i++)
            {
                var child = _childState[i];
                _fail[child] = state == 0 ? 0 : Transition(_fail[state], _childChar[i]);
                var f = _fail[child];
                _outputLink[child] = _firstOutput[f] >= 0 ? f : _outputLink[f];
                queue.Enqueue(child);
            }
        }
    }
}
