using System.Text.Json;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform.Audit;
using Concord.Platform.IO;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Jobs;

/// <summary>
/// Runs queued imports one at a time. A job a killed process left running is resumed on start: an all-or-nothing
/// job reruns from the start (its single transaction never committed), a best-effort job resumes after its last
/// committed checkpoint (stored with the batch, in the same transaction). A job whose spool file is gone fails.
/// </summary>
internal sealed class ImportJobRunner(
    IServiceScopeFactory scopes,
    IngestSinks sinks,
    IngestGate gate,
    JobProgress progress,
    Features.Scoring.ScoreFollower scores,
    Features.Alerts.AlertFollower alerts,
    Features.Correlation.WarninglistService warninglists,
    IOptions<IntelOptions> options,
    TimeProvider time,
    ILogger<ImportJobRunner> logger) : BackgroundService
{
    private const string CheckpointSql = """
        UPDATE intel_import_jobs SET checkpoint = @checkpoint, processed = @processed, stored = @stored, duplicates = @duplicates,
          rejected = @rejected, warninglisted = @warninglisted, errors_json = @errors, errors_truncated = @truncated
        WHERE id = @id
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? next;
            try
            {
                next = await NextQueuedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nor may a failed look at the queue (the database busy or away for a while) stop the node.
                Log.JobQueueUnreadable(logger, ex);
                await Task.Delay(options.Value.JobPollInterval, time, stoppingToken);
                continue;
            }

            if (next is { } id)
            {
                try
                {
                    await RunAsync(id, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The worker must outlive one broken job (a lost database connection while saving its state);
                    // the job stays as persisted and is picked up again.
                    Log.JobCrashed(logger, id, ex);
                    await Task.Delay(options.Value.JobPollInterval, time, stoppingToken);
                }

                continue;
            }

            await progress.WaitAsync(options.Value.JobPollInterval, stoppingToken);
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        foreach (var job in await db.ImportJobs.Where(j => j.State == ImportJobState.Running).ToListAsync(cancellationToken))
        {
            if (File.Exists(job.SpoolFile))
            {
                job.State = ImportJobState.Queued;
                Log.JobResumed(logger, job.Id, job.Checkpoint);
            }
            else
            {
                job.State = ImportJobState.Failed;
                job.Failure = "The node stopped during this import and its spooled body is gone; nothing more was stored. Submit the bundle again.";
                job.FinishedUs = StixTime.ToMicros(time.GetUtcNow());
                Log.JobLost(logger, job.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Guid?> NextQueuedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        return await db.ImportJobs.Where(j => j.State == ImportJobState.Queued).OrderBy(j => j.CreatedUs)
            .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task RunAsync(Guid id, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var job = await db.ImportJobs.FirstAsync(j => j.Id == id, stoppingToken);
        job.State = ImportJobState.Running;
        job.StartedUs ??= StixTime.ToMicros(time.GetUtcNow());
        await db.SaveChangesAsync(stoppingToken);
        Log.JobStarted(logger, job.Id, job.Policy);
        try
        {
            var report = await IngestAsync(job, scope.ServiceProvider.GetRequiredService<Access.IAccessDirectory>(), stoppingToken);
            if (report is null)
            {
                job.State = ImportJobState.Failed;
                job.Failure = "The body is neither a STIX bundle nor MISP JSON; nothing was stored.";
                job.FinishedUs = StixTime.ToMicros(time.GetUtcNow());
                await db.SaveChangesAsync(CancellationToken.None);
                File.Delete(job.SpoolFile);
                return;
            }

            job.MispSummaryJson = report.Misp is { } misp ? JsonSerializer.Serialize(misp, IntelJson.Default.MispImportSummary) : null;
            job.Format = report.Format;
            job.State = report.Committed ? ImportJobState.Succeeded : ImportJobState.Failed;
            job.Failure = report.Committed ? null : $"The import was rejected: {report.Rejected} invalid object(s); nothing was stored.";
            (job.Processed, job.Stored, job.Duplicates, job.Rejected) = (report.Processed, report.Stored, report.Duplicates, report.Rejected);
            job.Warninglisted = report.Warninglisted;
            job.ErrorsJson = JsonSerializer.Serialize(report.Errors.ToList(), IntelJson.Default.ListRejectedObject);
            job.ErrorsTruncated = report.ErrorsTruncated;
            Log.JobFinished(logger, job.Id, job.State, report.Stored, report.Rejected);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left Running on purpose: the next start resumes it.
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job.State = ImportJobState.Failed;
            job.Failure = "The import failed on the node; nothing of it was stored after the last checkpoint.";
            Log.JobCrashed(logger, job.Id, ex);
        }
        finally
        {
            progress.Clear(job.Id);
        }

        job.FinishedUs = StixTime.ToMicros(time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        File.Delete(job.SpoolFile);

        // The job's own entry, by the node on the owner's behalf (who asked is the entry that queued it).
        var finished = new ImportReport(job.Policy, job.State == ImportJobState.Succeeded, job.Processed, job.Stored, job.Duplicates, job.Rejected, [], false);
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
            IntelAudit.Import(job.OwnerOrgId, job.Id, finished), AuditActor.Node(AuditChannel.System, job.OwnerOrgId), CancellationToken.None);
        scores.Signal();
        alerts.Signal();
    }

    /// <returns>The report, or null when the body's format is unknown (bodies are checked before they are queued).</returns>
    private async Task<ImportReport?> IngestAsync(ImportJob job, Access.IAccessDirectory directory, CancellationToken cancellationToken)
    {
        var resume = job.Policy == ImportPolicy.BestEffort;
        var tally = resume
            ? new ImportTally
            {
                Processed = job.Processed,
                Stored = job.Stored,
                Duplicates = job.Duplicates,
                Rejected = job.Rejected,
                Warninglisted = job.Warninglisted,
                Errors = JsonSerializer.Deserialize(job.ErrorsJson, IntelJson.Default.ListRejectedObject) ?? [],
                ErrorsTruncated = job.ErrorsTruncated,
            }
            : new ImportTally();
        var plan = new DistributionPlan(job.OwnerOrgId, job.Tlp ?? Tlp.Amber, job.Scope, job.AudienceId);
        var run = new IngestRun(job.Policy, plan, options.Value.MaxJobErrors, resume ? job.Checkpoint : -1, tally, CheckpointAsync(job.Id))
        {
            Warninglists = warninglists.Current,
        };
        await using var file = new FileStream(job.SpoolFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var counting = new CountingStream(file);
        var source = await ImportSources.OpenAsync(counting, ImportSources.Services(directory, job.OwnerOrgId, time), cancellationToken);
        if (!source.IsSuccess)
        {
            return null;
        }

        var reporter = new Progress<ImportProgress>(p => progress.Report(job.Id, p));
        using var entered = await gate.EnterAsync(cancellationToken);
        await using var sink = sinks.Create();
        return await IngestPipeline.RunAsync(source.Value!, sink, run, reporter, () => counting.BytesRead, cancellationToken);
    }

    private static Func<IIngestSink, int, ImportTally, CancellationToken, Task> CheckpointAsync(Guid id) =>
        (sink, index, tally, cancellationToken) => sink.ExecuteAsync(CheckpointSql, new Dictionary<string, object?>
        {
            ["@checkpoint"] = index,
            ["@processed"] = tally.Processed,
            ["@stored"] = tally.Stored,
            ["@duplicates"] = tally.Duplicates,
            ["@rejected"] = tally.Rejected,
            ["@warninglisted"] = tally.Warninglisted,
            ["@errors"] = JsonSerializer.Serialize(tally.Errors, IntelJson.Default.ListRejectedObject),
            ["@truncated"] = tally.ErrorsTruncated,
            ["@id"] = id,
        }, cancellationToken);
}
