namespace Concord.Intel.Features.Import;

/// <summary>
/// One writer at a time on this node: the date_added sequence must be handed out in commit order so a cursor never
/// skips an object committed later with a smaller number. (PostgreSQL also takes an advisory lock for other processes.)
/// </summary>
internal sealed class IngestGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

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
