using System.CommandLine;
using System.Text.Json;
using Concord.Teams;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord whois VALUE [--org NAME] [--json]</c>: which member teams' constituencies hold an IP address or network, a
/// domain, a URL's host, an e-mail domain or an AS number, like <c>GET /api/v1/directory/whose</c>, on the local node.
/// </summary>
internal static class WhoisCommand
{
    public const string Exits = "Exit codes: 0 at least one team answered; 3 no team's constituency holds the value; 1 error; 2 usage error.";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var value = new Argument<string>("value") { Description = "An IP address or CIDR network, a domain, a URL, an e-mail address or an AS number (defanged is fine)." };
        var org = new Option<string?>("--org") { Description = "Ask as a member of this organisation (name or id; default: the first). Every member reads the same directory." };
        var json = new Option<bool>("--json") { Description = "Write the answer as JSON (the REST API's shape) instead of a table." };
        var command = new Command("whois", "Whose is this? The member teams whose constituency holds a value, the team to call first.\n" + Exits) { value, org, json };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, ct);
            var organisations = await app.Services.GetRequiredService<Access.IAccessDirectory>().ListOrganisationsAsync(ct);
            var organisation = parse.GetValue(org) is { } name
                ? await LocalNode.OrganisationAsync(app.Services, name, ct)
                : organisations.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault()
                    ?? throw new CliException("this node has no organisations yet; create one with 'concord admin org create'.");
            var principal = await LocalNode.PrincipalAsync(app.Services, organisation, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var answer = await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().WhoseAsync(principal, parse.GetValue(value), ct);
            if (!answer.IsSuccess)
            {
                throw CliException.Usage(answer.Error!.Message);
            }

            var whose = answer.Value!;
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(whose, Indented));
            }
            else
            {
                await WriteAsync(context, whose);
            }

            return whose.Teams.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }

    private static async Task WriteAsync(CliContext context, WhoseAnswer answer)
    {
        if (answer.Teams.Count == 0)
        {
            await context.Out.WriteLineAsync($"{answer.Value} ({answer.Kind}): no member team's constituency holds it.");
            return;
        }

        await context.Out.WriteLineAsync($"{answer.Value} ({answer.Kind}):");
        foreach (var team in answer.Teams)
        {
            var mark = team.Primary ? "*" : " ";
            var how = team.Relation == "covers" ? "covers it" : "inside it";
            await context.Out.WriteLineAsync($" {mark} {team.Name} ({team.Country}) — {team.Claim}, {how}");
        }

        await context.Out.WriteLineAsync(" * the team to call first (the most specific claim)");
    }
}
