using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord sighting VALUE [--false-positive|--expiration] [--count N] [--seen TIME] [--tlp] [--scope] [--anonymous]
/// [--org NAME] [--remote URL --api-key KEY]</c>: records a sighting of every indicator the organisation may read that
/// holds VALUE (or of the indicator whose id VALUE is), locally or on a remote node. Prints the new sightings' ids.
/// </summary>
internal static class SightingCommand
{
    public static Command Create(CliContext context)
    {
        var value = new Argument<string>("value") { Description = "An observable value (IP, domain, URL, hash, … defanged is fine), or an indicator id (indicator--…)." };
        var falsePositive = new Option<bool>("--false-positive") { Description = "Report a false positive: lowers the indicators' scores." };
        var expiration = new Option<bool>("--expiration") { Description = "Report that the indicators no longer apply: their scores drop to zero from --seen on." };
        var count = new Option<long>("--count") { Description = "How many times it was seen (default 1).", DefaultValueFactory = _ => 1 };
        var seen = new Option<string?>("--seen") { Description = "When it was seen (ISO 8601; default now)." };
        var tlp = new Option<string?>("--tlp") { Description = "The sighting's TLP: clear, green, amber, amber+strict, red (default: the organisation's)." };
        var scope = new Option<string?>("--scope") { Description = "The sighting's scope (default: the narrowest its TLP suggests)." };
        var anonymous = new Option<bool>("--anonymous") { Description = "Keep the reporting organisation from every other organisation." };
        var org = new Option<string?>("--org") { Description = "Local: the reporting organisation (name or id)." };
        var remote = new Option<string?>("--remote") { Description = "Record on a remote node at this URL instead of the local store." };
        var apiKey = new Option<string?>("--api-key") { Description = "The remote node's API key (or set CONCORD_API_KEY)." };
        var command = new Command("sighting", "Record a sighting, false positive or expiration of the indicators holding a value.\n" + ExitCodes.Help)
        {
            value, falsePositive, expiration, count, seen, tlp, scope, anonymous, org, remote, apiKey,
        };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            if (parse.GetValue(falsePositive) && parse.GetValue(expiration))
            {
                throw CliException.Usage("give at most one of --false-positive and --expiration.");
            }

            var text = parse.GetValue(value)!.Trim();
            var isId = text.StartsWith("indicator--", StringComparison.Ordinal);
            var report = new SightingReport
            {
                Value = isId ? null : text,
                SightingOf = isId ? text : null,
                Kind = parse.GetValue(falsePositive) ? SightingKind.FalsePositive : parse.GetValue(expiration) ? SightingKind.Expiration : SightingKind.Sighting,
                Count = parse.GetValue(count),
                Seen = ParseSeen(parse.GetValue(seen)),
                Tlp = ImportCommand.ParseTlp(parse.GetValue(tlp)),
                Scope = ImportCommand.ParseScope(parse.GetValue(scope)),
                Anonymous = parse.GetValue(anonymous),
            };
            var target = ImportCommand.ParseRemote(parse.GetValue(remote));
            var ids = target is null
                ? await LocalAsync(context, report, parse.GetValue(org), ct)
                : await RemoteAsync(target, parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CONCORD_API_KEY"), parse.GetValue(org), report, ct);
            foreach (var id in ids)
            {
                await context.Out.WriteLineAsync(id);
            }

            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"recorded {ids.Count} sighting(s)."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<string>> LocalAsync(CliContext context, SightingReport report, string? org, CancellationToken cancellationToken)
    {
        await using var app = await LocalNode.BuildAsync(context, cancellationToken);
        var organisation = await LocalNode.OrganisationAsync(app.Services, org, cancellationToken);
        var principal = await LocalNode.PrincipalAsync(app.Services, organisation, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISightings>().RecordAsync(principal, report, cancellationToken);
        return result.IsSuccess
            ? result.Value!.Sightings.Select(s => s.Id).ToList()
            : throw new CliException($"{result.Error!.Message}{(result.Error.Field is null ? "" : $" [{result.Error.Field}: {result.Error.Rule}]")}");
    }

    private static async Task<IReadOnlyList<string>> RemoteAsync(Uri remote, string? apiKey, string? org, SightingReport report, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw CliException.Usage("--remote needs an API key: --api-key KEY or the CONCORD_API_KEY environment variable.");
        }

        if (org is not null)
        {
            throw CliException.Usage("--org is for local sightings; a remote sighting belongs to the API key's organisation.");
        }

        // Not an outbound client (Concord.Platform.Outbound, with its SSRF guard): the user names the server to call, usually
        // on 127.0.0.1, from the user's own machine. No one else chooses the address, so there is no request to forge.
        using var http = new HttpClient { BaseAddress = remote };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var body = new Dictionary<string, object?>
        {
            ["value"] = report.Value,
            ["sighting_of"] = report.SightingOf,
            ["kind"] = report.Kind switch { SightingKind.FalsePositive => "false-positive", SightingKind.Expiration => "expiration", _ => "sighting" },
            ["count"] = report.Count,
            ["seen"] = report.Seen?.ToString("O", CultureInfo.InvariantCulture),
            ["tlp"] = report.Tlp is { } t ? Distribution.Label(t) : null,
            ["scope"] = report.Scope is { } s ? Distribution.Name(s) : null,
            ["anonymous"] = report.Anonymous,
        };
        using var response = await http.PostAsJsonAsync("api/v1/sightings", body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException(RemoteJson.Problem(response.StatusCode, json));
        }

        return [.. json.GetProperty("sightings").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }

    private static DateTimeOffset? ParseSeen(string? text) =>
        text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seen) ? seen
            : throw CliException.Usage($"--seen '{text}' is not a date or time (use ISO 8601, e.g. 2026-01-01T00:00:00Z).");
}
