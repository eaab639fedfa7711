using System.Collections.Immutable;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// The prefix lengths of the stored IP networks, held in memory so an address lookup does not read them every time.
/// A superset is harmless — a length no stored network has only adds probes that find nothing — so writers in this
/// process add a length as they write it, before their transaction commits, and the set is read again from the
/// database at most every <see cref="Refresh"/> for writers in other processes (a CLI import into the same store,
/// another node on the same PostgreSQL). Lengths are never removed: the table only grows.
/// </summary>
internal sealed class PrefixCache
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private ImmutableHashSet<(short Space, short Prefix)> _known = [];
    private long _readAtMs = -1;

    /// <summary>Records a length a writer of this process is storing.</summary>
    public void Add((short Space, short Prefix) prefix) => ImmutableInterlocked.Update(ref _known, static (set, p) => set.Add(p), prefix);

    /// <summary>The known lengths, read again with <paramref name="read"/> when the last read is older than <see cref="Refresh"/>.</summary>
    public async Task<IReadOnlyCollection<(short Space, short Prefix)>> GetAsync(
        Func<CancellationToken, Task<List<(short Space, short Prefix)>>> read, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var readAt = Volatile.Read(ref _readAtMs);
        if (readAt < 0 || now - readAt >= Refresh.TotalMilliseconds)
        {
            var stored = await read(cancellationToken);
            ImmutableInterlocked.Update(ref _known, static (set, s) => set.Union(s), stored);
            Volatile.Write(ref _readAtMs, now);
        }

        return Volatile.Read(ref _known);
    }
}
