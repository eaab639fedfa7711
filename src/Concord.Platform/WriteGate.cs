namespace Concord.Platform;

/// <summary>
/// One writer at a time in this process: a module whose writes take positions in a sequence (a change feed, the
/// date_added order) hands them out in commit order only if its writes do not overlap, so that a follower or a cursor
/// never skips a row committed later with a smaller position. Each module keeps its own gate (a subclass, registered
/// as a singleton), so one module's writes never wait for another's.
/// </summary>
public abstract class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; disposing the answer (once, however often it is disposed) opens it again.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _semaphore.Dispose();
        }
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
