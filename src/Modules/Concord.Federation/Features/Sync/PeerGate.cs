using System.Collections.Concurrent;

namespace Concord.Federation.Features.Sync;

/// <summary>One pull or push of a peer at a time in this process (the background service and a "sync now" may meet).</summary>
internal static class PeerGate
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Running = new();

    public static async Task<T> RunAsync<T>(Guid peerId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var gate = Running.GetOrAdd(peerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }
}
