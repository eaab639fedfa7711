using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// The audience ids of each organisation, cached briefly because every read asks. Any membership change
/// invalidates the organisations it touches; a load that raced with an invalidation is not cached.
/// </summary>
internal sealed class AudienceCache(TimeProvider time, IOptions<AccessOptions> options)
{
    private readonly ConcurrentDictionary<Guid, (FrozenSet<Guid> Ids, DateTimeOffset Expires)> _entries = new();
    private long _generation;

    public async ValueTask<IReadOnlySet<Guid>> GetAsync(
        Guid organisationId, Func<CancellationToken, Task<List<Guid>>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(organisationId, out var entry) && entry.Expires > now)
        {
            return entry.Ids;
        }

        var generation = Interlocked.Read(ref _generation);
        var ids = (await load(cancellationToken)).ToFrozenSet();
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[organisationId] = (ids, now + options.Value.AudienceCacheDuration);
        }

        return ids;
    }

    public void Invalidate(IEnumerable<Guid> organisationIds)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        Interlocked.Increment(ref _generation);
        foreach (var id in organisationIds)
        {
            _entries.TryRemove(id, out _);
        }
    }
}
