namespace Concord.Intel.Observables.Matching;

/// <summary>
/// Finds which of many patterns occur inside a text in one pass over the text (Aho–Corasick), so a substring
/// warninglist of 8,000 entries costs the same per lookup as one of eight.
/// </summary>
/// <remarks>
/// Transitions live in one dictionary keyed by (state, character) rather than a table per state: the alphabet
/// is all of UTF-16 and most states have one child. Each state links to the nearest state that ends a pattern
/// (the dictionary suffix link) so reporting matches never walks states that end none.
/// </remarks>
/// <typeparam name="T">What each pattern carries.</typeparam>
internal sealed class AhoCorasick<T>
{
    private readonly Dictionary<long, int> _goto = [];
    private readonly int[] _fail;
    private readonly int[] _outputLink;
    private readonly int[] _firstOutput;
    private readonly (string Pattern, T Value, int Next)[] _outputs;

    /// <summary>Builds the automaton; empty patterns are ignored (they would match everything).</summary>
    public AhoCorasick(IEnumerable<(string Pattern, T Value)> patterns)
    {
        var outputs = new List<(string, T, int)>();
        var firstOutput = new List<int> { -1 };
        foreach (var (pattern, value) in patterns)
        {
            if (pattern.Length == 0)
            {
                continue;
            }

            var state = 0;
            foreach (var c in pattern)
            {
                if (!_goto.TryGetValue(Key(state, c), out var next))
                {
                    next = firstOutput.Count;
                    firstOutput.Add(-1);
                    _goto[Key(state, c)] = next;
                }

                state = next;
            }

            outputs.Add((pattern, value, firstOutput[state]));
            firstOutput[state] = outputs.Count - 1;
        }

        (_outputs, _firstOutput) = ([.. outputs], [.. firstOutput]);
        (_fail, _outputLink) = (new int[_firstOutput.Length], new int[_firstOutput.Length]);
        LinkFailures();
    }

    /// <summary>How many patterns are stored.</summary>
    public int Count => _outputs.Length;

    /// <summary>Calls <paramref name="found"/> for every stored pattern occurring in <paramref name="text"/> (once per occurrence).</summary>
    public void Find<TState>(ReadOnlySpan<char> text, TState state, Action<TState, string, T> found)
    {
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

    /// <summary>Where the automaton goes from <paramref name="state"/> on <paramref name="c"/>, following failure links.</summary>
    private int Transition(int state, char c)
    {
        while (true)
        {
            if (_goto.TryGetValue(Key(state, c), out var next))
            {
                return next;
            }

            if (state == 0)
            {
                return 0;
            }

            state = _fail[state];
        }
    }

    private static long Key(int state, char c) => ((long)state << 16) | c;

    /// <summary>Breadth-first, so every state's failure target is final before its children need it.</summary>
    private void LinkFailures()
    {
        var children = new List<(int Child, char C)>[_firstOutput.Length];
        foreach (var (key, child) in _goto)
        {
            var parent = (int)(key >> 16);
            (children[parent] ??= []).Add((child, (char)(key & 0xFFFF)));
        }

        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.TryDequeue(out var state))
        {
            foreach (var (child, c) in children[state] ?? [])
            {
                _fail[child] = state == 0 ? 0 : Transition(_fail[state], c);
                var f = _fail[child];
                _outputLink[child] = _firstOutput[f] >= 0 ? f : _outputLink[f];
                queue.Enqueue(child);
            }
        }
    }
}
