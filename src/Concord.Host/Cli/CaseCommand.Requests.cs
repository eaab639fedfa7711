using System.CommandLine;
using System.Text.Json;
using Concord.Access;
using Concord.Incidents;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord case request ask|ack|accept|decline|progress|close|withdraw|show|list|queue</c>: assistance requests, as
/// the REST API's <c>/api/v1/cases/{id}/requests</c> and <c>/api/v1/requests</c> (thin: each verb calls
/// <see cref="IAssistanceRequests"/> as an analyst of <c>--org</c>).
/// </summary>
internal static partial class CaseCommand
{
    private static Command Requests(CliContext context)
    {
        var command = new Command("request", "Assistance requests: ask from a case, answer those asked of your organisation, list your queue.\n" + Exits);
        command.Subcommands.Add(Ask(context));
        foreach (var (name, action, description, field) in new (string, RequestAction, string, string?)[]
        {
            ("ack", RequestAction.Acknowledge, "Acknowledge a request asked of your organisation.", null),
            ("accept", RequestAction.Accept, "Accept a request asked of your organisation.", null),
            ("decline", RequestAction.Decline, "Decline a request asked of your organisation, with a reason.", "reason"),
            ("progress", RequestAction.Progress, "Report progress on a request your organisation acknowledged or accepted.", "text"),
            ("close", RequestAction.Close, "Close a request your organisation acknowledged or accepted, with its outcome.", "outcome"),
            ("withdraw", RequestAction.Withdraw, "Withdraw a request your organisation asked.", null),
        })
        {
            command.Subcommands.Add(Step(context, name, action, description, field));
        }

        command.Subcommands.Add(ShowRequest(context));
        command.Subcommands.Add(ListRequests(context, "list", "A case's requests the organisation may read.", forCase: true));
        command.Subcommands.Add(ListRequests(context, "queue", "Requests asked of the organisation (open ones unless --all), earliest deadline first.", forCase: false));
        return command;
    }

    private static Command Ask(CliContext context)
    {
        var org = Org();
        var id = CaseId();
        var kind = new Option<string>("--kind") { Description = "block, take-down, analyse-sample, contact-hosting-provider, share-logs or other.", Required = true };
        var text = new Argument<string>("text") { Description = "What exactly is asked." };
        var urgency = new Option<string?>("--urgency") { Description = "critical, high, normal (default) or low." };
        var to = With("--to", "A member organisation to ask (name or id); repeatable.");
        var owner = new Option<string?>("--owner") { Description = "Ask the team(s) owning this IP address, network, AS number or domain." };
        var norm = new Option<string?>("--norm") { Description = "The UN GGE norm it answers, by letter (a to k)." };
        var ackBy = new Option<DateTimeOffset?>("--acknowledge-by") { Description = "The deadline to acknowledge (RFC 3339), instead of the urgency's default." };
        var respondBy = new Option<DateTimeOffset?>("--respond-by") { Description = "The deadline to respond (RFC 3339), instead of the urgency's default." };
        var command = new Command("ask", "Ask for assistance from a case: one request per receiving organisation; prints each request's id, receiver and deadlines.")
        {
            org, id, text, kind, urgency, to, owner, norm, ackBy, respondBy,
        };
        command.SetAction((parse, ct) => RunRequestsAsync(context, parse.GetValue(org), ct, async (services, requests, principal) =>
        {
            var ids = new List<Guid>();
            foreach (var name in parse.GetValue(to) ?? [])
            {
                ids.Add((await LocalNode.OrganisationAsync(services, name, ct)).Id);
            }

            var asked = Require(await requests.AskAsync(principal, parse.GetValue(id), new RequestDraft
            {
                Kind = parse.GetValue(kind), Text = parse.GetValue(text), Urgency = parse.GetValue(urgency), To = ids, Owner = parse.GetValue(owner),
                Norm = parse.GetValue(norm), AcknowledgeBy = parse.GetValue(ackBy), RespondBy = parse.GetValue(respondBy),
            }, ct));
            foreach (var r in asked)
            {
                await context.Out.WriteLineAsync(Line(r));
            }
        }));
        return command;
    }

    private static Command Step(CliContext context, string name, RequestAction action, string description, string? field)
    {
        var org = Org();
        var id = new Argument<Guid>("request") { Description = "The request's id." };
        var text = new Argument<string>(field ?? "text") { Description = $"The {field}." };
        var command = new Command(name, description) { org, id };
        if (field is not null)
        {
            command.Arguments.Add(text);
        }

        command.SetAction((parse, ct) => RunRequestsAsync(context, parse.GetValue(org), ct, async (_, requests, principal) =>
        {
            var done = Require(await requests.ActAsync(principal, parse.GetValue(id), new RequestStep(action, field is null ? null : parse.GetValue(text)), ct));
            await context.Out.WriteLineAsync(Line(done));
        }));
        return command;
    }

    private static Command ShowRequest(CliContext context)
    {
        var org = Org();
        var id = new Argument<Guid>("request") { Description = "The request's id." };
        var command = new Command("show", "A request as JSON, with its history.") { org, id };
        command.SetAction((parse, ct) => RunRequestsAsync(context, parse.GetValue(org), ct, async (_, requests, principal) =>
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(Require(await requests.GetAsync(principal, parse.GetValue(id), ct)), Indented))));
        return command;
    }

    private static Command ListRequests(CliContext context, string name, string description, bool forCase)
    {
        var org = Org();
        var id = CaseId();
        var all = new Option<bool>("--all") { Description = "Also finished requests." };
        var json = new Option<bool>("--json") { Description = "Write JSON (the REST API's shape)." };
        var command = new Command(name, description) { org, json };
        if (forCase)
        {
            command.Arguments.Add(id);
        }
        else
        {
            command.Options.Add(all);
        }

        command.SetAction((parse, ct) => RunRequestsAsync(context, parse.GetValue(org), ct, async (_, requests, principal) =>
        {
            var list = Require(forCase
                ? await requests.ListForCaseAsync(principal, parse.GetValue(id), ct)
                : await requests.QueueAsync(principal, !parse.GetValue(all), ct));
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(list, Indented));
                return;
            }

            foreach (var r in list)
            {
                await context.Out.WriteLineAsync(Line(r));
            }
        }));
        return command;
    }

    private static string Line(AssistanceRequestView r) =>
        $"{r.Id}  {IncidentJson.Name(r.Status),-12} {IncidentJson.Name(r.Urgency),-8} {IncidentJson.Name(r.Kind)} {r.Requester.Name} -> {r.Receiver.Name}"
        + $"  acknowledge by {r.AcknowledgeBy:yyyy-MM-dd HH:mm}Z, respond by {r.RespondBy:yyyy-MM-dd HH:mm}Z{(r.EscalationStage > 0 ? $", escalated (stage {r.EscalationStage})" : "")}";

    private static Task<int> RunRequestsAsync(CliContext context, string? org, CancellationToken ct, Func<IServiceProvider, IAssistanceRequests, Principal, Task> work) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var organisation = await LocalNode.OrganisationAsync(app.Services, org, ct);
            var principal = await LocalNode.PrincipalAsync(app.Services, organisation, ct);
            await using var scope = app.Services.CreateAsyncScope();
            await work(app.Services, scope.ServiceProvider.GetRequiredService<IAssistanceRequests>(), principal);
            return ExitCodes.Ok;
        });
}
