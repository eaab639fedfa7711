using Microsoft.Extensions.Logging;

namespace Concord.Platform.Feeds;

/// <summary>
/// Something that follows a module's change feed and does its work from a persisted mark: scores, hit alerts, and
/// later notifications, federation pushes and reports. A step reads what follows the mark, does its work and moves
/// the mark in the same transaction, so a process killed at any point resumes where the mark stands and does nothing
/// twice. This class runs the steps: one runner at a time, after a write commits, when signalled, and on an interval
/// (<see cref="FollowerService{TFollower}"/>; writes by another process on the same database).
/// </summary>
public abstract partial class Follower(ILogger logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>What it maintains, for logs and the node's health page ("Indicator scores").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// One step: the next batch after the mark, its work and the mark's move, committed together. False when nothing
    /// followed the mark.
    /// </summary>
    protected abstract Task<bool> StepAsync(CancellationToken cancellationToken);

    /// <summary>Wakes the background service (after a write another service committed, e.g. a background import job).</summary>
    public void Signal() => _signal.Release();

    /// <summary>Waits for a <see cref="Signal"/> or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>Steps until nothing follows the mark. A failure leaves the mark where the last committed step put it.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            while (await StepAsync(cancellationToken))
            {
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>
    /// Catches up after a write has committed. A failure here must not turn a committed write into an error answer
    /// (another process may be following the same rows): it is logged and left to the background service.
    /// </summary>
    public async Task AfterCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Report(ex);
            Signal();
        }
    }

    /// <summary>Logs a failed catch-up: SQLite's single writer being busy is expected and waits; anything else is an error.</summary>
    internal void Report(Exception exception)
    {
        if (StoreErrors.Busy(exception))
        {
            FollowerWaiting(logger, Name);
        }
        else
        {
            FollowerFailed(logger, Name, exception);
        }
    }

    /// <summary>
    /// An SQLite store's single writer is busy (a long import) and a follower gave up waiting: nothing is lost, its mark
    /// did not move and it tries again. Said as information, not as the failure the other errors are.
    /// </summary>
    [LoggerMessage(1, LogLevel.Information, "{Follower}: the store was busy with a long write (an import); trying again from the last mark.")]
    private static partial void FollowerWaiting(ILogger logger, string follower);

    [LoggerMessage(2, LogLevel.Error, "{Follower}: catching up failed; retrying from the last mark.")]
    private static partial void FollowerFailed(ILogger logger, string follower, Exception exception);
}
