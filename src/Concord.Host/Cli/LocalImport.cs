using System.Diagnostics;
using Concord.Intel;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>
/// Imports into the local store through Intel's ingest path, as an analyst of the chosen organisation, while the command
/// waits: Intel's import rule (<see cref="IImportRouting"/>) runs every CLI import in this process, which has no job worker.
/// </summary>
internal static class LocalImport
{
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(CliContext context, ImportRequest request, CancellationToken cancellationToken)
    {
        if (request.ApiKey is not null && Environment.GetEnvironmentVariable("CONCORD_API_KEY") != request.ApiKey)
        {
            throw CliException.Usage("--api-key is for --remote; a local import acts as the organisation given with --org.");
        }

        await using var app = await LocalNode.BuildAsync(context, cancellationToken);
        var organisation = await LocalNode.OrganisationAsync(app.Services, request.Organisation, cancellationToken);
        var principal = await LocalNode.PrincipalAsync(app.Services, organisation, cancellationToken);
        var recipientIds = new List<Guid>();
        foreach (var recipient in request.Recipients)
        {
            recipientIds.Add((await LocalNode.OrganisationAsync(app.Services, recipient, cancellationToken)).Id);
        }

        var options = new ImportOptions
        {
            Policy = request.Policy,
            Tlp = request.Tlp,
            Scope = request.Scope,
            Recipients = recipientIds,
            SharingGroupId = request.SharingGroup,
        };
        var routing = app.Services.GetRequiredService<IImportRouting>();
        var results = new List<ImportResult>();

        await ImportProgressBar.Create(context).StartAsync(async progress =>
        {
            foreach (var source in request.Sources)
            {
                if (routing.Choose(ImportEntry.Cli, source.Length) != ImportMode.Immediate)
                {
                    throw new InvalidOperationException("Intel's import rule made a CLI import a job, which this process cannot run; the CLI must follow the rule.");
                }

                var task = ImportProgressBar.AddTask(progress, source);
                var clock = Stopwatch.StartNew();
                await using var scope = app.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
                await using var stream = source.Path is null ? context.OpenStandardInput() : OpenFile(source.Path);
                var reporter = new InlineProgress(p => ImportProgressBar.Update(task, source, p.Processed, p.BytesRead, clock.Elapsed));
                var outcome = await store.ImportAsync(principal, stream, options, reporter, cancellationToken);
                ImportProgressBar.Finish(task);
                results.Add(outcome.IsSuccess
                    ? new ImportResult(source.Name, outcome.Value, null, clock.Elapsed)
                    : new ImportResult(source.Name, null, $"{outcome.Error!.Message} ({outcome.Error.Rule})", clock.Elapsed));
            }
        });
        return results;
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Reports on the importer's thread: <see cref="Progress{T}"/> would queue every report to the thread pool.</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
