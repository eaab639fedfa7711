using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concord.Platform.Feeds;

/// <summary>
/// Runs a <see cref="Follower"/> in the background: on start (to finish what a stopped process left), when signalled,
/// and every <paramref name="interval"/> (writes by another process on the same database). A failed round leaves the
/// mark where it was: the same changes are tried again on the next.
/// </summary>
public sealed class FollowerService<TFollower>(TFollower follower, Func<TimeSpan> interval) : BackgroundService
    where TFollower : Follower
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await follower.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                follower.Report(ex);
            }

            await follower.WaitAsync(interval(), stoppingToken);
        }
    }
}

public static class FollowerRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TFollower"/> (one per process: callers catch it up after their writes) and the
    /// background service that runs it every <paramref name="interval"/>.
    /// </summary>
    public static IServiceCollection AddFollower<TFollower>(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval)
        where TFollower : Follower
    {
        services.AddSingleton<TFollower>();
        services.AddHostedService(sp => new FollowerService<TFollower>(sp.GetRequiredService<TFollower>(), () => interval(sp)));
        return services;
    }
}
