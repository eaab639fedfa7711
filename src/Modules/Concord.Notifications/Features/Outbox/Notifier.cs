using System.Data.Common;
using Concord.Notifications.Data;
using Concord.Notifications.Features.FanOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Notifications.Features.Outbox;

/// <summary>
/// Queues notifications in the outbox: in plain SQL on the sender's own transaction (every module's tables live in the
/// node's one database), so a notification commits with the write that caused it. A repeated once-key is kept once.
/// </summary>
internal sealed class Notifier(NotificationsDbContext db, NotificationKinds kinds, FanOutFollower fanOut, TimeProvider time) : INotifier
{
    private const string Insert =
        "INSERT INTO notify_outbox (kind, subject_id, audience, once_key, created_us, fanned_out) " +
        "VALUES (@kind, @subject, @audience, @once, @created, @fanned) ON CONFLICT (once_key) DO NOTHING";

    public async Task EnqueueAsync(Notification notification, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(transaction);
        if (kinds.Find(notification.Kind) is null)
        {
            throw new InvalidOperationException($"The notification kind '{notification.Kind}' is not registered (AddNotificationKind).");
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        Add(command, "@kind", notification.Kind);
        Add(command, "@subject", notification.SubjectId);
        Add(command, "@audience", Audiences.Format(notification.To));
        Add(command, "@once", $"{notification.Kind}:{notification.OnceKey}");
        Add(command, "@created", Micros.Now(time));
        Add(command, "@fanned", false);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await EnqueueAsync(notification, transaction.GetDbTransaction(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Wake();
    }

    public void Wake() => fanOut.Signal();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
