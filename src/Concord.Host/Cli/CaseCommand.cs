using System.CommandLine;
using System.Text.Json;
using Concord.Access;
using Concord.Incidents;
using Concord.Platform;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord case open|list|show|share|comment|task|attach|request</c>: incident cases on the local node, as the REST API's
/// <c>/api/v1/cases</c> (thin: each verb calls <see cref="ICases"/>). Every verb acts as an analyst of <c>--org</c>, so it
/// reads and may do exactly what that organisation's analysts may.
/// </summary>
internal static partial class CaseCommand
{
    public const string Exits = "Exit codes: 0 success; 1 error (a refused value is named); 2 usage error; 3 no such case.";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var command = new Command("case", "Incident cases: open, list, show, share, comment, add tasks and attach files.\n" + Exits);
        command.Subcommands.Add(Open(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Share(context));
        command.Subcommands.Add(Comment(context));
        command.Subcommands.Add(TaskVerb(context));
        command.Subcommands.Add(Attach(context));
        command.Subcommands.Add(Requests(context));
        return command;
    }

    private static Option<string> Org() => new("--org") { Description = "The organisation to act for (name or id).", Required = true };

    private static Argument<Guid> CaseId() => new("case") { Description = "The case's id." };

    private static Option<string[]> With(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = true };

    private static Command Open(CliContext context)
    {
        var org = Org();
        var title = new Argument<string>("title") { Description = "The case's title." };
        var category = new Option<string>("--category") { Description = "RSIT class:type, e.g. fraud:phishing.", Required = true };
        var summary = new Option<string?>("--summary") { Description = "What happened." };
        var severity = new Option<string?>("--severity") { Description = "low, medium (default), high or critical." };
        var tlp = new Option<string?>("--tlp") { Description = "TLP (default amber)." };
        var pap = new Option<string?>("--pap") { Description = "PAP (default amber)." };
        var countries = With("--country", "An affected country (ISO code); repeatable.");
        var sectors = With("--sector", "An affected sector; repeatable.");
        var participants = With("--with", "An organisation to share the case with (name or id); repeatable.");
        var command = new Command("open", "Open a case; its participants are told.") { org, title, category, summary, severity, tlp, pap, countries, sectors, participants };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (services, cases, principal) =>
        {
            var ids = new List<Guid>();
            foreach (var name in parse.GetValue(participants) ?? [])
            {
                ids.Add((await LocalNode.OrganisationAsync(services, name, ct)).Id);
            }

            var view = Require(await cases.OpenAsync(principal, new CaseDraft
            {
                Title = parse.GetValue(title), Category = parse.GetValue(category), Summary = parse.GetValue(summary), Severity = parse.GetValue(severity),
                Tlp = parse.GetValue(tlp), Pap = parse.GetValue(pap), Countries = parse.GetValue(countries), Sectors = parse.GetValue(sectors), Participants = ids,
            }, ct));
            await context.Out.WriteLineAsync(view.Id.ToString());
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var org = Org();
        var status = new Option<string?>("--status") { Description = "Only cases with this status." };
        var json = new Option<bool>("--json") { Description = "Write JSON (the REST API's shape)." };
        var command = new Command("list", "The cases the organisation may read, newest change first.") { org, status, json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (_, cases, principal) =>
        {
            CaseStatus? byStatus = null;
            if (parse.GetValue(status) is { } text)
            {
                byStatus = IncidentJson.TryParse<CaseStatus>(text, out var parsed) ? parsed : throw CliException.Usage($"'{text}' is not a case status.");
            }

            var list = Require(await cases.ListAsync(principal, new CaseQuery(Status: byStatus), ct));
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(list, Indented));
                return;
            }

            foreach (var c in list)
            {
                await context.Out.WriteLineAsync($"{c.Id}  {IncidentJson.Name(c.Status),-13} {IncidentJson.Name(c.Severity),-8} TLP:{c.Tlp,-12} {c.Title} ({c.Owner.Name})");
            }
        }));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var stix = new Option<bool>("--stix") { Description = "Write the case as a STIX 2.1 bundle instead." };
        var command = new Command("show", "A case as JSON: fields, timeline, observables, tasks, comments, attachments.") { org, id, stix };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (_, cases, principal) =>
        {
            object shown = parse.GetValue(stix)
                ? new { type = "bundle", id = $"bundle--{Guid.NewGuid()}", objects = Require(await cases.StixAsync(principal, parse.GetValue(id), ct)) }
                : Require(await cases.GetAsync(principal, parse.GetValue(id), ct));
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(shown, Indented));
        }));
        return command;
    }

    private static Command Share(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var participants = With("--with", "An organisation to share the case with (name or id); repeatable; none: the owner alone.");
        var command = new Command("share", "Replace who a case is shared with (its owner); new participants are told.") { org, id, participants };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (services, cases, principal) =>
        {
            var ids = new List<Guid>();
            foreach (var name in parse.GetValue(participants) ?? [])
            {
                ids.Add((await LocalNode.OrganisationAsync(services, name, ct)).Id);
            }

            var view = Require(await cases.ShareAsync(principal, parse.GetValue(id), new CaseSharing(ids), ct));
            await context.Out.WriteLineAsync($"Shared with: {string.Join(", ", view.Case!.Participants.Select(p => p.Name))}");
        }));
        return command;
    }

    private static Command Comment(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var text = new Argument<string>("text") { Description = "The comment." };
        var tlp = new Option<string?>("--tlp") { Description = "Its TLP: the case's by default, or stricter." };
        var command = new Command("comment", "Comment on a case.") { org, id, text, tlp };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (_, cases, principal) =>
        {
            var comment = Require(await cases.CommentAsync(principal, parse.GetValue(id), new CommentDraft { Text = parse.GetValue(text), Tlp = parse.GetValue(tlp) }, ct));
            await context.Out.WriteLineAsync(comment.Meta.Id.ToString());
        }));
        return command;
    }

    private static Command TaskVerb(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var title = new Argument<string>("title") { Description = "What is to be done." };
        var assignee = new Option<string?>("--assignee") { Description = "The organisation to do it (name or id; default: yours)." };
        var due = new Option<string>("--due") { Description = "The day it is due (YYYY-MM-DD).", Required = true };
        var command = new Command("task", "Add a task to a case.") { org, id, title, assignee, due };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (services, cases, principal) =>
        {
            Guid? assigned = parse.GetValue(assignee) is { } name ? (await LocalNode.OrganisationAsync(services, name, ct)).Id : null;
            var day = DateOnly.TryParseExact(parse.GetValue(due), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d : throw CliException.Usage("--due takes a day as YYYY-MM-DD.");
            var task = Require(await cases.AddTaskAsync(principal, parse.GetValue(id), new TaskDraft { Title = parse.GetValue(title), Assignee = assigned, Due = day }, ct));
            await context.Out.WriteLineAsync(task.Meta.Id.ToString());
        }));
        return command;
    }

    private static Command Attach(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var file = new Argument<FileInfo>("file") { Description = "The file to attach." };
        var tlp = new Option<string?>("--tlp") { Description = "Its TLP: the case's by default, or stricter." };
        var command = new Command("attach", "Attach a file to a case (refused whole beyond the node's size limit).") { org, id, file, tlp };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(org), ct, async (_, cases, principal) =>
        {
            var path = parse.GetValue(file)!;
            await using var stream = path.OpenRead();
            var attached = Require(await cases.AttachAsync(principal, parse.GetValue(id), new AttachmentDraft { FileName = path.Name, Tlp = parse.GetValue(tlp) }, stream, ct));
            await context.Out.WriteLineAsync($"{attached.Meta.Id}  {attached.FileName}  {attached.Size} bytes  sha256 {attached.Sha256}");
        }));
        return command;
    }

    private static Task<int> RunAsync(CliContext context, string? org, CancellationToken ct, Func<IServiceProvider, ICases, Principal, Task> work) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var organisation = await LocalNode.OrganisationAsync(app.Services, org, ct);
            var principal = await LocalNode.PrincipalAsync(app.Services, organisation, ct);
            await using var scope = app.Services.CreateAsyncScope();
            await work(app.Services, scope.ServiceProvider.GetRequiredService<ICases>(), principal);
            return ExitCodes.Ok;
        });

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value!
        : throw new CliException($"{(result.Error!.Field is { } field ? field + ": " : "")}{result.Error.Message}", result.Error.Kind == ErrorKind.NotFound ? ExitCodes.NotFound : ExitCodes.Error);
}
