using System.CommandLine;
using System.Text.Json;
using Concord.Access;
using Concord.Teams;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord team show ORG [--json]</c>, <c>concord team person export ORG PERSON [-o FILE]</c> and
/// <c>concord team person erase ORG PERSON</c>: a team's profile and its people's personal data on the local node, as
/// <c>GET /api/v1/directory/teams/{id}</c> and the people endpoints; <c>concord team routing ORG [--opt-out KIND]…
/// [--route-all]</c>: what constituency routing tells the team, as <c>GET|PUT /api/v1/directory/teams/{id}/routing</c>. The command acts as the organisation's admin
/// (whoever runs it runs the node); PERSON is the person's id or e-mail address.
/// </summary>
internal static class TeamCommand
{
    public const string Exits = "Exit codes: 0 success; 1 error; 2 usage error; 3 no such person.";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var team = new Command("team", "A member team's profile, keys and people (personal data: export and erasure).\n" + Exits);
        team.Subcommands.Add(Show(context));
        team.Subcommands.Add(Routing(context));
        var person = new Command("person", "One of a team's people: export their data as JSON, or erase them.");
        person.Subcommands.Add(Export(context));
        person.Subcommands.Add(Erase(context));
        team.Subcommands.Add(person);
        return team;
    }

    private static Command Show(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "The organisation (name or id)." };
        var json = new Option<bool>("--json") { Description = "Write the profile as JSON (the REST API's shape) instead of text." };
        var command = new Command("show", "Show a team: contacts, hours, constituency, keys with fingerprints, people.") { org, json };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var (services, principal, organisation) = await AdminAsync(app.Services, parse.GetValue(org), ct);
            await using var scope = services.CreateAsyncScope();
            var profile = Require(await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().GetAsync(principal, organisation.Id, ct));
            await (parse.GetValue(json) ? context.Out.WriteLineAsync(JsonSerializer.Serialize(profile, Indented)) : TeamText.WriteAsync(context.Out, profile));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Routing(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "The organisation (name or id)." };
        var optOut = new Option<string[]>("--opt-out") { Description = "Stop telling the team of this kind (repeat for several); the kinds not named are routed again.", AllowMultipleArgumentsPerToken = false };
        var all = new Option<bool>("--route-all") { Description = "Tell the team of every kind again (no opt-outs)." };
        var command = new Command("routing", "Show or change which kinds of constituency routing tell the team (without options: show).") { org, optOut, all };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            var kinds = parse.GetValue(optOut) ?? [];
            var routeAll = parse.GetValue(all);
            if (routeAll && kinds.Length > 0)
            {
                throw CliException.Usage("--route-all and --opt-out exclude each other.");
            }

            await using var app = await LocalNode.BuildAsync(context, ct);
            var (services, principal, organisation) = await AdminAsync(app.Services, parse.GetValue(org), ct);
            await using var scope = services.CreateAsyncScope();
            var routing = scope.ServiceProvider.GetRequiredService<IConstituencyRouting>();
            var settings = Require(kinds.Length > 0 || routeAll
                ? await routing.SetAsync(principal, organisation.Id, new RoutingSettingsUpdate(kinds), ct)
                : await routing.GetAsync(principal, organisation.Id, ct));
            await context.Out.WriteLineAsync($"Constituency routing for {organisation.Name}:");
            foreach (var kind in settings.Kinds)
            {
                await context.Out.WriteLineAsync($"  {kind.Kind,-10} {(kind.Routed ? "routed" : "opted out"),-9}  {kind.Title}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var (org, person) = PersonArguments();
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON to this file instead of standard output." };
        var command = new Command("export", "Everything the node holds about a person, as JSON.") { org, person, output };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var (services, principal, organisation) = await AdminAsync(app.Services, parse.GetValue(org), ct);
            var id = await PersonIdAsync(services, principal, organisation, parse.GetValue(person)!, ct);
            await using var scope = services.CreateAsyncScope();
            var export = Require(await scope.ServiceProvider.GetRequiredService<ITeamPeople>().ExportAsync(principal, null, organisation.Id, id, ct));
            var text = JsonSerializer.Serialize(export, Indented);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text + "\n", ct);
            }
            else
            {
                await context.Out.WriteLineAsync(text);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Erase(CliContext context)
    {
        var (org, person) = PersonArguments();
        var command = new Command("erase", "Erase a person everywhere the node holds them; the audit trail keeps only the opaque id.") { org, person };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var (services, principal, organisation) = await AdminAsync(app.Services, parse.GetValue(org), ct);
            var id = await PersonIdAsync(services, principal, organisation, parse.GetValue(person)!, ct);
            await using var scope = services.CreateAsyncScope();
            Require(await scope.ServiceProvider.GetRequiredService<ITeamPeople>().EraseAsync(principal, null, organisation.Id, id, ct));
            await context.Out.WriteLineAsync($"Erased person {id} of {organisation.Name}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (Argument<string> Org, Argument<string> Person) PersonArguments() =>
        (new Argument<string>("org") { Description = "The organisation (name or id)." },
         new Argument<string>("person") { Description = "The person's id, or their e-mail address." });

    /// <summary>The node's operator acts as the organisation's admin (audited as the CLI).</summary>
    private static async Task<(IServiceProvider Services, Principal Principal, OrganisationInfo Organisation)> AdminAsync(IServiceProvider services, string? org, CancellationToken ct)
    {
        var organisation = await LocalNode.OrganisationAsync(services, org, ct);
        var analyst = await LocalNode.PrincipalAsync(services, organisation, ct);
        return (services, analyst with { Role = Role.OrgAdmin, Name = "concord-cli" }, organisation);
    }

    private static async Task<Guid> PersonIdAsync(IServiceProvider services, Principal principal, OrganisationInfo organisation, string person, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var profile = Require(await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().GetAsync(principal, organisation.Id, ct));
        var found = profile.People.FirstOrDefault(p => p.Id.ToString() == person.Trim().ToLowerInvariant() || string.Equals(p.Email, person.Trim(), StringComparison.OrdinalIgnoreCase));
        return found?.Id ?? throw new CliException($"{organisation.Name} has no person '{person}'.", ExitCodes.NotFound);
    }

    private static T Require<T>(Platform.Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new CliException(result.Error!.Message);
}
