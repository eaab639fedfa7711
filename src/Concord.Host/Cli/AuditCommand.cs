using System.CommandLine;
using System.Globalization;
using Concord.Access;

namespace Concord.Host.Cli;

/// <summary><c>concord audit verify | list</c>: the node's audit trail, on the local store.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var verify = new Command("verify", "Check the audit trail's hash chain; names the first entry changed, removed or reordered (exit code 1).");
        verify.SetAction((parse, ct) => WithLogAsync(context, ct, async log =>
        {
            var result = await log.VerifyAsync(ct);
            if (!result.Intact)
            {
                throw new CliException($"the audit trail is broken: {result.Problem}. The {result.Entries} entries before it are intact"
                    + (result.HeadHash is null ? "." : $"; the last of them has hash {result.HeadHash}."));
            }

            await context.Out.WriteLineAsync(result.Entries == 0
                ? "The audit trail is empty."
                : $"The audit trail is intact: {result.Entries} entries; the newest has hash {result.HeadHash} (keep it elsewhere: a rewritten trail would not reach it).");
            return ExitCodes.Ok;
        }));

        var action = new Option<string?>("--action") { Description = "Only this action, e.g. sign-in.failed; a trailing * matches a prefix (objects.*)." };
        var org = new Option<string?>("--org") { Description = "Only entries by or about this organisation (name or id)." };
        var limit = new Option<int>("--limit") { Description = "How many entries, newest first (1-1000).", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List audit entries, newest first: time, seq, actor, organisation, channel, address, action, target, detail.") { action, org, limit };
        list.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var organisation = parse.GetValue(org) is { } name ? await LocalNode.OrganisationAsync(app.Services, name, ct) : null;
            await using var scope = app.Services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAllAsync(
                new AuditQuery(parse.GetValue(action), organisation?.Id, Limit: parse.GetValue(limit)), ct);
            if (!page.IsSuccess)
            {
                throw CliException.Usage(page.Error!.Message);
            }

            foreach (var e in page.Value!.Entries)
            {
                await context.Out.WriteLineAsync(string.Join('\t',
                    e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Seq.ToString(CultureInfo.InvariantCulture),
                    $"{e.ActorKind}{(e.ActorId is { } id ? $" {id}" : "")}", e.ActorOrganisationId?.ToString() ?? "-",
                    e.Channel.ToString().ToLowerInvariant(), e.Address ?? "-", e.Succeeded ? e.Action : $"{e.Action} (failed)",
                    e.TargetId is null ? "-" : $"{e.TargetType} {e.TargetId}", e.Detail ?? ""));
            }

            return ExitCodes.Ok;
        }));

        return new Command("audit", "The node's audit trail: append-only and hash-chained.") { verify, list };
    }

    private static Task<int> WithLogAsync(CliContext context, CancellationToken cancellationToken, Func<IAuditLog, Task<int>> action) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<IAuditLog>());
        });
}
