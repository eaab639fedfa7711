using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;
using Concord.Platform.IO;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>
/// Imports into a remote node: streams each bundle to <c>POST /api/v1/objects/import</c> (the bar shows bytes
/// sent), then, when the node answers with a job (202), follows the job's progress until it finishes.
/// </summary>
internal static class RemoteImport
{
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(CliContext context, ImportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ApiKey))
        {
            throw CliException.Usage("--remote needs an API key: --api-key KEY or the CONCORD_API_KEY environment variable.");
        }

        if (request.Organisation is not null)
        {
            throw CliException.Usage("--org is for local imports; a remote import belongs to the API key's organisation.");
        }

        // Not an outbound client (Concord.Platform.Outbound, with its SSRF guard): the user names the server to call, usually
        // on 127.0.0.1, from the user's own machine. No one else chooses the address, so there is no request to forge.
        using var http = new HttpClient { BaseAddress = request.Remote, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", request.ApiKey);
        var results = new List<ImportResult>();
        await ImportProgressBar.Create(context).StartAsync(async progress =>
        {
            foreach (var source in request.Sources)
            {
                var task = ImportProgressBar.AddTask(progress, source);
                var clock = Stopwatch.StartNew();
                try
                {
                    var report = await SendAsync(http, request, source, context, (objects, bytes) => ImportProgressBar.Update(task, source, objects, bytes, clock.Elapsed), cancellationToken);
                    results.Add(new ImportResult(source.Name, report, null, clock.Elapsed));
                }
                catch (RemoteException ex)
                {
                    results.Add(new ImportResult(source.Name, ex.Report, ex.Message, clock.Elapsed));
                }
                finally
                {
                    ImportProgressBar.Finish(task);
                }
            }
        });
        return results;
    }

    private static async Task<ImportReport> SendAsync(HttpClient http, ImportRequest request, ImportSource source, CliContext context, Action<long, long> report, CancellationToken cancellationToken)
    {
        await using var file = source.Path is null ? context.OpenStandardInput() : File.OpenRead(source.Path);
        await using var counting = new CountingStream(file, bytes => report(0, bytes));
        using var content = new StreamContent(counting, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (source.Length is { } length)
        {
            content.Headers.ContentLength = length;
        }

        using var response = await http.PostAsync(ImportUri(request), content, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return await FollowJobAsync(http, response.Headers.Location ?? new Uri($"/api/v1/jobs/{body.GetProperty("id").GetString()}", UriKind.Relative), report, cancellationToken);
        }

        if (response.IsSuccessStatusCode)
        {
            return RemoteJson.Report(body, committed: true);
        }

        var rejected = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out _) ? RemoteJson.Report(body, committed: false) : null;
        throw new RemoteException(RemoteJson.Problem(response.StatusCode, body), rejected);
    }

    private static async Task<ImportReport> FollowJobAsync(HttpClient http, Uri job, Action<long, long> report, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            using var response = await http.GetAsync(job, cancellationToken);
            var body = await ReadJsonAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RemoteException(RemoteJson.Problem(response.StatusCode, body), null);
            }

            var status = RemoteJson.JobState(body);
            report(RemoteJson.Long(body, "processed"), RemoteJson.Long(body, "bytesRead"));
            if (status == ImportJobState.Succeeded)
            {
                return RemoteJson.Report(body, committed: RemoteJson.Long(body, "stored") > 0 || RemoteJson.Long(body, "rejected") == 0);
            }

            if (status == ImportJobState.Failed)
            {
                var failure = body.TryGetProperty("failure", out var f) ? f.GetString() : null;
                throw new RemoteException($"the node's import job failed: {failure ?? "no reason given"}", RemoteJson.Report(body, committed: false));
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private static string ImportUri(ImportRequest request)
    {
        var query = new List<string> { "policy=" + (request.Policy == ImportPolicy.BestEffort ? "best-effort" : "all-or-nothing") };
        if (request.Tlp is { } tlp)
        {
            query.Add("tlp=" + Uri.EscapeDataString(Distribution.Label(tlp).ToLowerInvariant()));
        }

        if (request.Scope is { } scope)
        {
            query.Add("scope=" + Distribution.Name(scope));
        }

        foreach (var recipient in request.Recipients)
        {
            query.Add("recipients=" + (Guid.TryParse(recipient, out var id) ? id.ToString()
                : throw CliException.Usage($"--recipient '{recipient}': a remote import names recipients by organisation id.")));
        }

        if (request.SharingGroup is { } group)
        {
            query.Add("sharing_group=" + group);
        }

        return "api/v1/objects/import?" + string.Join('&', query);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw new RemoteException($"the node answered {(int)response.StatusCode} {response.ReasonPhrase} with a body that is not JSON.", null);
        }
    }

    private sealed class RemoteException(string message, ImportReport? report) : Exception(message)
    {
        public ImportReport? Report { get; } = report;
    }
}
