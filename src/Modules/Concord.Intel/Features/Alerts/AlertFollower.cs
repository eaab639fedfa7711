using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Notifications;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Stix;
using Concord.Platform.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Intel.Features.Alerts;

/// <summary>
/// Anonymous hit alerts, detected after imports commit so the ingest path pays nothing: new object rows are read
/// from a persisted high-water mark, their observables re-extracted (the index is keyed by value, not by row), and
/// each value probed in the index for TLP:AMBER and AMBER+STRICT objects of other organisations that opted in. Never
/// TLP:RED: an owner opts in for what it shares with recipients, not for what it holds for named eyes only.
/// The mark moves in the same transaction as the alerts it produced: a process that dies in between resumes where
/// the mark stands, and sends each alert once (one per owner object, value and reporter).
/// </summary>
[InternalProjection("a follower: matches new values against opted-in owners' records to write their anonymous hit alerts; alerts are read through Visibility")]
internal sealed class AlertFollower(IServiceScopeFactory scopes, ILogger<AlertFollower> logger) : Follower(logger)
{
    internal const string Mark = "alerts.objects";
    private const int Batch = 1000;

    public override string Name => "Anonymous hit alerts";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mark = await db.FollowerMarks.FirstOrDefaultAsync(m => m.Name == Mark, cancellationToken);
        if (mark is null)
        {
            mark = new FollowerMark { Name = Mark };
            db.FollowerMarks.Add(mark);
        }

        var optedIn = await db.AlertSettings.Where(s => s.Enabled).Select(s => new OptIn(s.OrganisationId, s.EnabledSinceUs)).ToListAsync(cancellationToken);
        var position = mark.Position;
        var rows = await db.Objects.AsNoTracking().Where(o => o.Seq > position).OrderBy(o => o.Seq).Take(Batch)
            .Select(o => new NewRow(o.Seq, o.OwnerOrgId, o.DateAddedUs, optedIn.Count > 0 && !o.Revoked ? o.Json : null))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        // Nobody opted in: nothing to look for. Alerts are for values reported after an organisation opts in.
        if (optedIn.Count > 0)
        {
            foreach (var row in rows)
            {
                await DetectAsync(db, row, optedIn, cancellationToken);
            }
        }

        // Each new alert is told to its owner's members through the notification service, queued in this transaction:
        // the alerts, their notifications and the mark commit together.
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        var added = db.Alerts.Local.Where(a => db.Entry(a).State == EntityState.Added).ToList();
        foreach (var alert in added)
        {
            var id = alert.Id.ToString("D");
            await notifier.EnqueueAsync(
                new Notification(HitAlertRenderer.Kind.Name, id, NotificationAudience.Organisation(alert.OwnerOrgId), id),
                transaction.GetDbTransaction(),
                cancellationToken);
        }

        mark.Position = rows[^1].Seq;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (added.Count > 0)
        {
            notifier.Wake();
        }

        return true;
    }

    private static async Task DetectAsync(IntelDbContext db, NewRow row, List<OptIn> optedIn, CancellationToken cancellationToken)
    {
        if (row.Json is null || !StixParser.TryParse(row.Json, out var stixObject, out _))
        {
            return;
        }

        using (stixObject)
        {
            if (IngestObservables.KeysOf(stixObject) is null)
            {
                return;
            }

            var owners = optedIn.Where(o => o.Organisation != row.Owner && o.SinceUs < row.DateAddedUs).Select(o => o.Organisation).ToList();
            if (owners.Count == 0)
            {
                return;
            }

            foreach (var observable in ObservableExtractor.Extract(stixObject).Observables.Select(e => e.Observable).DistinctBy(o => (o.Kind, o.Value)))
            {
                await AlertOwnersAsync(db, row, observable, owners, cancellationToken);
            }
        }
    }

    private static async Task AlertOwnersAsync(IntelDbContext db, NewRow row, Observable observable, List<Guid> owners, CancellationToken cancellationToken)
    {
        var key = ObservableKey.Of(observable);
        var seq = row.Seq;
        var observables = db.Observables;
        var matches = await db.Objects.AsNoTracking()
            .Where(o => owners.Contains(o.OwnerOrgId) && (o.Tlp == Tlp.Amber || o.Tlp == Tlp.AmberStrict) && o.Latest && !o.Revoked && o.Seq != seq
                && observables.Any(k => k.Key == key && k.Seq == o.Seq))
            .Select(o => new { o.OwnerOrgId, o.StixId })
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var match in matches)
        {
            var known = db.Alerts.Local.Any(a => a.OwnerOrgId == match.OwnerOrgId && a.ObjectId == match.StixId && a.Key.AsSpan().SequenceEqual(key) && a.ReporterOrgId == row.Owner)
                || await db.Alerts.AnyAsync(a => a.OwnerOrgId == match.OwnerOrgId && a.ObjectId == match.StixId && a.Key == key && a.ReporterOrgId == row.Owner, cancellationToken);
            if (!known)
            {
                db.Alerts.Add(new HitAlert
                {
                    Id = Guid.NewGuid(),
                    OwnerOrgId = match.OwnerOrgId,
                    ObjectId = match.StixId,
                    Kind = observable.Kind.Name(),
                    Value = observable.Value,
                    Key = key,
                    // To the hour only: the exact date_added is shared by everything imported with the hidden object,
                    // so the owner could find the reporter's other, visible, objects of that import by it.
                    ReportedUs = row.DateAddedUs - (row.DateAddedUs % MicrosPerHour),
                    ReporterOrgId = row.Owner,
                });
            }
        }
    }

    private const long MicrosPerHour = 3_600_000_000;

    private sealed record OptIn(Guid Organisation, long SinceUs);

    private sealed record NewRow(long Seq, Guid Owner, long DateAddedUs, byte[]? Json);
}
