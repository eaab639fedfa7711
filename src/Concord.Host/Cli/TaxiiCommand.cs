using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Concord.Taxii.Client;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord taxii pull URL</c> writes a collection's objects as a STIX bundle (page by page, following <c>next</c>);
/// <c>concord taxii push URL FILE|-</c> posts a bundle to a collection as envelopes and waits for their status.
/// URL is a collection URL: <c>https://node/taxii2/{root}/collections/{id}/</c>.
/// </summary>
internal static class TaxiiCommand
{
    public static Command Create(CliContext context)
    {
        var apiKey = new Option<string?>("--api-key") { Description = "Bearer API key (default: the CONCORD_API_KEY environment variable)." };
        var user = new Option<string?>("--user") { Description = "HTTP Basic user name (with --password or CONCORD_PASSWORD)." };
        var password = new Option<string?>("--password") { Description = "HTTP Basic password." };

        var pullUrl = new Argument<string>("URL") { Description = "The collection URL." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the bundle to this file instead of standard output." };
        var addedAfter = new Option<string?>("--added-after") { Description = "Only objects the server added after this TAXII timestamp." };
        var type = new Option<string[]>("--type") { Description = "Only these STIX types (repeatable)." };
        var all = new Option<bool>("--all-versions") { Description = "Every version, not only the latest." };
        var pull = new Command("pull", "Read a TAXII 2.1 collection into a STIX bundle.\n" + ExitCodes.Help) { pullUrl, output, addedAfter, type, all, apiKey, user, password };
        pull.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => ClientErrors(() => PullAsync(context, Url(parse.GetValue(pullUrl)), parse.GetValue(output), new TaxiiReadOptions
        {
            AddedAfter = ParseTime(parse.GetValue(addedAfter)),
            Types = parse.GetValue(type) is { Length: > 0 } t ? t : null,
            Version = parse.GetValue(all) ? "all" : null,
        }, Auth(parse.GetValue(apiKey), parse.GetValue(user), parse.GetValue(password)), ct))));

        var pushUrl = new Argument<string>("URL") { Description = "The collection URL." };
        var file = new Argument<string>("FILE") { Description = "A STIX bundle or TAXII envelope; '-' reads standard input." };
        var batch = new Option<int>("--batch") { Description = "Objects per envelope (default 1000).", DefaultValueFactory = _ => 1000 };
        var push = new Command("push", "Add a STIX bundle's objects to a TAXII 2.1 collection.\n" + ExitCodes.Help) { pushUrl, file, batch, apiKey, user, password };
        push.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => ClientErrors(() => PushAsync(context, Url(parse.GetValue(pushUrl)), parse.GetValue(file)!, parse.GetValue(batch),
            Auth(parse.GetValue(apiKey), parse.GetValue(user), parse.GetValue(password)), ct))));

        return new Command("taxii", "TAXII 2.1 client: pull a collection, push a bundle.") { pull, push };
    }

    private static async Task<int> PullAsync(CliContext context, Uri url, FileInfo? output, TaxiiReadOptions options, System.Net.Http.Headers.AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        using var http = Http(auth);
        var client = new TaxiiClient(http);
        await using var target = output is null ? context.OpenStandardOutput() : output.Create();
        await using var writer = new Utf8JsonWriter(target);
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", $"bundle--{Guid.NewGuid()}");
        writer.WriteStartArray("objects");
        long objects = 0;
        var clock = Stopwatch.StartNew();
        await Bar(context).StartAsync(async progress =>
        {
            var task = progress.AddTask(Describe("pull", objects, clock.Elapsed));
            task.IsIndeterminate = true;
            await foreach (var page in client.ReadPagesAsync(url, options, cancellationToken))
            {
                foreach (var item in page.Objects)
                {
                    writer.WriteRawValue(item.Span, skipInputValidation: true);
                }

                objects += page.Objects.Count;
                await writer.FlushAsync(cancellationToken);
                task.Description = Describe("pull", objects, clock.Elapsed);
            }

            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
        });
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"pulled {objects:N0} objects in {clock.Elapsed.TotalSeconds:N1} s"));
        return ExitCodes.Ok;
    }

    private static async Task<int> PushAsync(CliContext context, Uri url, string file, int batch, System.Net.Http.Headers.AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        if (batch < 1)
        {
            throw CliException.Usage("--batch must be at least 1.");
        }

        using var http = Http(auth);
        var client = new TaxiiClient(http);
        await using var source = file == "-" ? context.OpenStandardInput() : File.OpenRead(file);
        var clock = Stopwatch.StartNew();
        TaxiiPushResult? result = null;
        await Bar(context).StartAsync(async progress =>
        {
            var task = progress.AddTask(Describe("push", 0, TimeSpan.Zero), maxValue: source.CanSeek ? Math.Max(1, source.Length) : 1);
            task.IsIndeterminate = !source.CanSeek;
            var report = new Progress<TaxiiPushProgress>(p =>
            {
                task.Description = Describe("push", p.Objects, clock.Elapsed) + string.Create(CultureInfo.InvariantCulture, $", {p.Failed:N0} failed");
                if (source.CanSeek)
                {
                    task.Value = Math.Min(source.Position, task.MaxValue);
                }
            });
            result = await TaxiiPush.RunAsync(client, url, source, batch, report, cancellationToken);
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
        });
        foreach (var failure in result!.Failures.Take(20))
        {
            await context.Error.WriteLineAsync($"failed: {failure.Id}: {failure.Message}");
        }

        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pushed {result.Objects:N0} objects: {result.Succeeded:N0} added, {result.Failed:N0} failed, in {clock.Elapsed.TotalSeconds:N1} s"));
        return result.Failed == 0 ? ExitCodes.Ok : ExitCodes.PartiallyRejected;
    }

    /// <summary>The server's TAXII error (or a bundle that cannot be read) becomes one line on stderr and exit code 1.</summary>
    private static async Task<int> ClientErrors(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (TaxiiClientException ex)
        {
            throw new CliException($"TAXII server: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new CliException($"not a STIX bundle or TAXII envelope: {ex.Message}");
        }
    }

    private static System.Net.Http.Headers.AuthenticationHeaderValue? Auth(string? apiKey, string? user, string? password)
    {
        if (user is not null)
        {
            return TaxiiClient.Basic(user, password ?? Environment.GetEnvironmentVariable("CONCORD_PASSWORD")
                ?? throw CliException.Usage("--user needs --password or CONCORD_PASSWORD."));
        }

        var key = apiKey ?? Environment.GetEnvironmentVariable("CONCORD_API_KEY");
        return string.IsNullOrWhiteSpace(key) ? null : TaxiiClient.Bearer(key);
    }

    private static HttpClient Http(System.Net.Http.Headers.AuthenticationHeaderValue? auth)
    {
        // Not an outbound client (Concord.Platform.Outbound, with its SSRF guard): the user names the server to call, usually
        // on 127.0.0.1, from the user's own machine. No one else chooses the address, so there is no request to forge.
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = auth;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("concord-taxii/1.0");
        return http;
    }

    private static Uri Url(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
        : throw CliException.Usage($"'{text}' is not an http(s) TAXII collection URL (…/taxii2/ROOT/collections/ID/).");

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw CliException.Usage($"--added-after '{text}' is not a timestamp (e.g. 2026-01-31T12:00:00Z).");

    private static Progress Bar(CliContext context) => context.Messages.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn());

    private static string Describe(string verb, long objects, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? objects / elapsed.TotalSeconds : 0;
        return Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{verb}: {objects:N0} objects, {rate:N0}/s"));
    }
}
