using Concord.Notifications;
using Concord.Platform.Feeds;
using Concord.Teams.Data;
using Concord.Teams.Features.Whose;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Teams.Features.Routing;

/// <summary>
/// Constituency routing: follows each <see cref="IConstituencySource"/> from its own mark and tells the teams whose
/// constituency a new or changed record names (<see cref="Router"/> decides who). It runs behind the writes, never in
/// them: ingest pays nothing. The records are read before the transaction, which then only queues the notifications and
/// moves the mark, so the single SQLite writer is held for a moment; a mark another process moved meanwhile makes the
/// step start over, and the once-key keeps a record version's notification to a team single whatever happens.
/// </summary>
internal sealed class RoutingFollower(IServiceScopeFactory scopes, WhoseIndex whose, TimeProvider time, ILogger<RoutingFollower> logger) : Follower(logger)
{
    /// <summary>
    /// Records stored longer ago than this are passed over: a node that gains routing (an upgrade, a first start on an
    /// imported store) does not tell every team about years of records at once.
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    private const int Batch = 200;

    public override string Name => "Constituency routing";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var moved = false;
        foreach (var source in scope.ServiceProvider.GetServices<IConstituencySource>())
        {
            moved |= await StepAsync(scope.ServiceProvider, source, cancellationToken);
        }

        return moved;
    }

    private async Task<bool> StepAsync(IServiceProvider services, IConstituencySource source, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TeamsDbContext>();
        var start = await db.RoutingMarks.AsNoTracking().Where(m => m.Source == source.Name).Select(m => (long?)m.Position).FirstOrDefaultAsync(cancellationToken) ?? 0;

        // Nobody claims anything (most nodes until teams fill in their profiles): the changes are passed over unread.
        var snapshot = await whose.CurrentAsync(cancellationToken);
        var since = snapshot.Index.Count > 0 ? (time.GetUtcNow() - Lookback).ToUnixTimeMilliseconds() * 1000 : long.MaxValue;
        var changes = await source.ChangesAsync(start, Batch, since, cancellationToken);
        if (changes.Next <= start)
        {
            return false;
        }

        var optOuts = (await db.RoutingOptOuts.AsNoTracking().ToListAsync(cancellationToken)).Select(o => (o.OrganisationId, o.Kind)).ToHashSet();
        var router = new Router(services.GetRequiredService<Access.IPrincipalResolver>(), snapshot, optOuts);
        var notifications = new List<Notification>();
        foreach (var change in changes.Changes)
        {
            notifications.AddRange(await router.RouteAsync(source, change, cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mark = await db.RoutingMarks.FirstOrDefaultAsync(m => m.Source == source.Name, cancellationToken);
        if ((mark?.Position ?? 0) != start)
        {
            return true;
        }

        if (mark is null)
        {
            mark = new RoutingMarkRow { Source = source.Name };
            db.RoutingMarks.Add(mark);
        }

        mark.Position = changes.Next;
        var notifier = services.GetRequiredService<INotifier>();
        foreach (var notification in notifications)
        {
            await notifier.EnqueueAsync(notification, transaction.GetDbTransaction(), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (notifications.Count > 0)
        {
            notifier.Wake();
        }

        return true;
    }
}
