using System.CommandLine;
using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Platform.Audit;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord feed list | add NAME SOURCE [--kind misp|text|csv] [--value-column N …] [--tlp] [--scope] [--interval M]
/// [--org NAME] | run NAME-OR-ID</c>: the node's feeds, on its own store. The CLI is the node's operator, so it acts as a
/// node admin for the organisation (a local folder is allowed as a source); the rules are IIntelFeeds' as for REST.
/// </summary>
internal static class FeedCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("feed", "List, add and run the feeds the node pulls (MISP feeds, plain-text and CSV lists).\n" + ExitCodes.Help);
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Run(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List every feed with its last run.");
        command.SetAction((_, ct) => ConcordCli.GuardAsync(context, () => WithFeedsAsync(context, null, ct, async (feeds, principal) =>
        {
            foreach (var feed in Value(await feeds.ListAsync(principal, ct)))
            {
                await context.Out.WriteLineAsync(Line(feed));
            }

            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The feed's name (unique in its organisation)." };
        var source = new Argument<string>("source") { Description = "An http(s) URL (a MISP feed's folder URL, or a list's), or an absolute path on this node." };
        var kind = new Option<string>("--kind") { Description = "misp, text (one value a line) or csv.", DefaultValueFactory = _ => "misp" };
        var value = new Option<int?>("--value-column") { Description = "CSV: the column (from 1) holding the value." };
        var comment = new Option<int?>("--comment-column") { Description = "CSV: a column for the indicator's description." };
        var firstSeen = new Option<int?>("--first-seen-column") { Description = "CSV: a column with the first-seen date (valid_from)." };
        var tlp = new Option<string>("--tlp") { Description = "TLP of what the feed brings when it says none.", DefaultValueFactory = _ => "clear" };
        var scope = new Option<string>("--scope") { Description = "Who may read what the feed brings.", DefaultValueFactory = _ => "alliance" };
        var interval = new Option<int>("--interval") { Description = "Minutes between runs.", DefaultValueFactory = _ => 60 };
        var org = new Option<string?>("--org") { Description = "The owner organisation (name or id)." };
        var command = new Command("add", "Add a feed; it runs at once when the node serves, then every --interval minutes.")
        {
            name, source, kind, value, comment, firstSeen, tlp, scope, interval, org,
        };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => WithFeedsAsync(context, parse.GetValue(org), ct, async (feeds, principal) =>
        {
            if (!Enum.TryParse<FeedKind>(parse.GetValue(kind), ignoreCase: true, out var feedKind))
            {
                throw CliException.Usage("--kind must be misp, text or csv.");
            }

            var columns = parse.GetValue(value) is { } v ? new CsvColumns(v, parse.GetValue(comment), parse.GetValue(firstSeen)) : null;
            var settings = new FeedSettings(parse.GetValue(name)!, feedKind, parse.GetValue(source)!,
                ImportCommand.ParseTlp(parse.GetValue(tlp)) ?? Concord.Stix.Tlp.Clear, ImportCommand.ParseScope(parse.GetValue(scope)) ?? Scope.Alliance,
                parse.GetValue(interval), Columns: columns, Owner: principal.OrganisationId);
            var feed = Value(await feeds.CreateAsync(principal, settings, ct));
            await context.Out.WriteLineAsync(feed.Id.ToString());
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var feed = new Argument<string>("feed") { Description = "The feed's name or id." };
        var command = new Command("run", "Run a feed now and print what it did.") { feed };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => WithFeedsAsync(context, null, ct, async (feeds, principal) =>
        {
            var wanted = parse.GetValue(feed)!;
            var match = Value(await feeds.ListAsync(principal, ct)).FirstOrDefault(f => f.Id.ToString() == wanted || string.Equals(f.Name, wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException($"no feed '{wanted}' (see 'concord feed list').");
            var done = Value(await feeds.RunAsync(principal, match.Id, ct));
            await context.Out.WriteLineAsync(Line(done));
            if (done.LastRun?.Error is { } error)
            {
                await context.Error.WriteLineAsync(error);
            }

            return done.LastRun?.Error is null ? ExitCodes.Ok : ExitCodes.Error;
        })));
        return command;
    }

    private static async Task<int> WithFeedsAsync(CliContext context, string? org, CancellationToken ct, Func<IIntelFeeds, Principal, Task<int>> action)
    {
        await using var app = await LocalNode.BuildAsync(context, ct);
        var organisation = await LocalNode.OrganisationAsync(app.Services, org, ct);
        app.Services.GetRequiredService<AuditDefaults>().Actor = AuditActor.Node(AuditChannel.Cli, organisation.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>().ForOrganisationAsync(organisation.Id, Role.NodeAdmin, "concord-cli", ct);
        return await action(scope.ServiceProvider.GetRequiredService<IIntelFeeds>(), principal);
    }

    private static T Value<T>(Concord.Platform.Result<T> result) => result.IsSuccess
        ? result.Value!
        : throw new CliException($"{result.Error!.Message}{(result.Error.Field is null ? "" : $" [{result.Error.Field}: {result.Error.Rule}]")}");

    private static string Line(FeedInfo f)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{f.Id}  {f.Name}  {f.Kind.ToString().ToLowerInvariant()}  every {f.IntervalMinutes} min  {(f.Enabled ? "enabled" : "disabled")}  ");
        return head + (f.LastRun is { } r
            ? string.Create(CultureInfo.InvariantCulture,
                $"last run {r.Started:u}: {r.Requests} request(s), events {r.EventsFetched} fetched/{r.EventsSkipped} skipped/{r.EventsFailed} failed, stored {r.Stored}, duplicates {r.Duplicates}, rejected {r.Rejected}{(r.Error is null ? "" : ", with errors")}")
            : "never run");
    }
}
