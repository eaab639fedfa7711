namespace Concord.Incidents.Features.Cases;

/// <summary>
/// Serialises the module's writes in this process, so that the change feed's positions (taken in each write's
/// transaction) are in commit order: a follower never skips a change committed late. (As Intel's ingest gate: one node
/// process writes; the CLI on a stopped node.)
/// </summary>
internal sealed class CaseWriteGate : IDisposable
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

/// <summary>Times as the tables keep them: microseconds since the Unix epoch.</summary>
internal static class Micros
{
    public static long Of(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset At(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long Now(TimeProvider time) => Of(time.GetUtcNow());
}
