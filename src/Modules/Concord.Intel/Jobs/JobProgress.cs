using System.Collections.Concurrent;

namespace Concord.Intel.Jobs;

/// <summary>Live progress of running jobs (persisted only at checkpoints), plus the worker's wake-up signal.</summary>
internal sealed class JobProgress
{
    private readonly ConcurrentDictionary<Guid, ImportProgress> _live = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Report(Guid id, ImportProgress progress) => _live[id] = progress;

    public void Clear(Guid id) => _live.TryRemove(id, out _);

    public ImportProgress? Find(Guid id) => _live.TryGetValue(id, out var progress) ? progress : null;

    public void Signal() => _signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
