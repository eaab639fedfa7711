using Concord.Intel.Observables.Exclusions;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// The exclusions in force, as one immutable matcher swapped in whole. Changes made through this node's API take
/// effect on its next lookup; another process on the same store (the CLI) reads them when it starts.
/// </summary>
internal sealed class ExclusionCache
{
    private ExclusionMatcher? _current;

    public ExclusionMatcher? Current => Volatile.Read(ref _current);

    public void Set(ExclusionMatcher matcher) => Volatile.Write(ref _current, matcher);
}
