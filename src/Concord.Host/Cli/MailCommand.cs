using System.CommandLine;
using System.Globalization;
using Concord.Notifications.Features.Email;

namespace Concord.Host.Cli;

/// <summary><c>concord mail status | test ADDRESS</c>: the node's outgoing mail (Concord:Notifications:Smtp), on the local node.</summary>
internal static class MailCommand
{
    public static Command Create(CliContext context)
    {
        var status = new Command("status", "The SMTP relay in use, how many e-mails wait or failed, the last success and the last error.");
        status.SetAction((parse, ct) => WithMailAsync(context, ct, async mail =>
        {
            var s = await mail.StatusAsync(ct);
            string Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never";
            await context.Out.WriteLineAsync(s.Configured
                ? $"Relay: {s.Host}:{s.Port} ({s.Security}), sender {s.Sender}"
                : "Relay: not configured (set Concord:Notifications:Smtp:Host and Sender); e-mail waits in the queue.");
            await context.Out.WriteLineAsync($"Waiting: {s.Pending}; failed for good: {s.Failed}; last sent: {Time(s.LastSentAt)}");
            if (s.LastError is not null)
            {
                await context.Out.WriteLineAsync($"Last error ({Time(s.LastErrorAt)}): {s.LastError}");
            }

            return ExitCodes.Ok;
        }));

        var to = new Argument<string>("address") { Description = "Where to send the test message." };
        var test = new Command("test", "Send a test e-mail through the relay now (exit code 1 when it was not accepted).") { to };
        test.SetAction((parse, ct) => WithMailAsync(context, ct, async mail =>
        {
            var sent = await mail.SendTestAsync(parse.GetValue(to), ct);
            if (!sent.IsSuccess)
            {
                throw CliException.Usage(sent.Error!.Message);
            }

            if (sent.Value!.Status != "sent")
            {
                throw new CliException($"the test e-mail was not sent: {sent.Value.Error}");
            }

            await context.Out.WriteLineAsync($"The relay accepted the test e-mail to {parse.GetValue(to)}.");
            return ExitCodes.Ok;
        }));

        return new Command("mail", "The node's outgoing mail for e-mail notifications.") { status, test };
    }

    private static Task<int> WithMailAsync(CliContext context, CancellationToken cancellationToken, Func<MailStatusService, Task<int>> action) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<MailStatusService>());
        });
}
