using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Intel;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord lookup VALUE... | - [--org NAME] [--remote URL --api-key KEY] [--json] [--parent-domains]</c>: which
/// objects the organisation may read hold these values, like <c>POST /api/v1/correlation/lookup</c>.
/// </summary>
internal static class LookupCommand
{
    public const string Exits = "Exit codes: 0 at least one value correlated (or is common); 3 no value correlated with anything you may read; 1 error; 2 usage error.";

    private static readonly JsonSerializerOptions Indented = new(LookupJson.Default.Options) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var values = new Argument<string[]>("values") { Description = "Values to look up (IP, network, domain, URL, e-mail, hash, or kind:value such as mutex:Global\\x); - reads one per line from standard input.", Arity = ArgumentArity.OneOrMore };
        var org = new Option<string?>("--org") { Description = "Local lookup: as this organisation (name or id; default: the only organisation)." };
        var remote = new Option<string?>("--remote") { Description = "Look up on a remote node at this URL instead of the local store." };
        var apiKey = new Option<string?>("--api-key") { Description = "The remote node's API key (or set CONCORD_API_KEY)." };
        var json = new Option<bool>("--json") { Description = "Write the answer as JSON (the REST API's shape) instead of a table." };
        var parents = new Option<bool>("--parent-domains") { Description = "Also match objects reporting a domain's parent domains." };
        var command = new Command("lookup", "Correlate values with the objects an organisation may read, grouped by reporting organisation.\n" + Exits)
        {
            values, org, remote, apiKey, json, parents,
        };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            var list = await ReadValuesAsync(context, parse.GetValue(values)!, ct);
            var request = new CorrelationRequest { ParentDomains = parse.GetValue(parents) ? true : null };
            var remoteUrl = parse.GetValue(remote);
            var result = remoteUrl is null
                ? await LocalAsync(context, parse.GetValue(org), list, request, ct)
                : await RemoteAsync(ParseRemote(remoteUrl), parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CONCORD_API_KEY"), parse.GetValue(org), list, request, ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, Indented));
            }
            else
            {
                LookupTable.Write(context, result);
            }

            return result.Values.Any(v => v.Common || v.Reporters.Count > 0) ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }

    private static async Task<List<string>> ReadValuesAsync(CliContext context, string[] arguments, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument != "-")
            {
                values.Add(argument);
                continue;
            }

            using var reader = new StreamReader(context.OpenStandardInput());
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Trim() is { Length: > 0 } value && !value.StartsWith('#'))
                {
                    values.Add(value);
                }
            }
        }

        return values.Count > 0 ? values : throw CliException.Usage("no values to look up.");
    }

    private static async Task<CorrelationResult> LocalAsync(CliContext context, string? org, List<string> values, CorrelationRequest request, CancellationToken cancellationToken)
    {
        await using var app = await LocalNode.BuildAsync(context, cancellationToken);
        var organisation = await LocalNode.OrganisationAsync(app.Services, org, cancellationToken);
        var principal = await LocalNode.PrincipalAsync(app.Services, organisation, cancellationToken);
        var answers = new List<ValueCorrelation>(values.Count);
        foreach (var chunk in values.Chunk(ICorrelation.MaxLookupValues))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ICorrelation>().LookupAsync(principal, chunk, request, cancellationToken);
            answers.AddRange(result.IsSuccess ? result.Value!.Values : throw new CliException(result.Error!.Message));
        }

        return new CorrelationResult(answers);
    }

    private static async Task<CorrelationResult> RemoteAsync(Uri remote, string? apiKey, string? org, List<string> values, CorrelationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw CliException.Usage("--remote needs an API key: --api-key KEY or the CONCORD_API_KEY environment variable.");
        }

        if (org is not null)
        {
            throw CliException.Usage("--org is for local lookups; a remote lookup reads as the API key's organisation.");
        }

        // Not an outbound client (Concord.Platform.Outbound, with its SSRF guard): the user names the server to call, usually
        // on 127.0.0.1, from the user's own machine. No one else chooses the address, so there is no request to forge.
        using var http = new HttpClient { BaseAddress = remote };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var answers = new List<ValueCorrelation>(values.Count);
        foreach (var chunk in values.Chunk(ICorrelation.MaxLookupValues))
        {
            using var response = await http.PostAsJsonAsync("api/v1/correlation/lookup", new LookupBody(chunk, request.ParentDomains), LookupJson.Default.LookupBody, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync(LookupJson.Default.JsonElement, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(RemoteJson.Problem(response.StatusCode, body));
            }

            answers.AddRange(body.Deserialize(LookupJson.Default.CorrelationResult)?.Values ?? throw new CliException("the node's answer is not a lookup result."));
        }

        return new CorrelationResult(answers);
    }

    private static Uri ParseRemote(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
            : throw CliException.Usage($"--remote '{text}' is not an http:// or https:// URL.");
}

/// <summary>The request body of <c>POST /api/v1/correlation/lookup</c>.</summary>
internal sealed record LookupBody(
    [property: JsonPropertyName("values")] IReadOnlyList<string> Values,
    [property: JsonPropertyName("parent_domains")] bool? ParentDomains);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LookupBody))]
[JsonSerializable(typeof(CorrelationResult))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LookupJson : JsonSerializerContext;
