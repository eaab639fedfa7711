using System.Text.Json;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Jobs;

/// <summary>Queues background imports and answers their status to their own organisation only.</summary>
internal sealed class ImportJobService(
    IntelDbContext db,
    IAccessDirectory directory,
    Spool spool,
    JobProgress progress,
    IOptions<IntelOptions> options,
    TimeProvider time,
    IAuditTrail audit) : IImportJobs
{
    public async Task<Result<ImportJobStatus>> SubmitAsync(Principal principal, Stream bundle, ImportOptions importOptions, CancellationToken cancellationToken)
    {
        var plan = await DistributionPlan.ResolveAsync(principal, importOptions, directory, cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error!;
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        var spooled = await spool.WriteAsync(id, bundle, options.Value.MaxImportBytes, cancellationToken);
        if (!spooled.IsSuccess)
        {
            return spooled.Error!;
        }

        await using var lease = spooled.Value!;
        var format = await DetectAsync(lease, cancellationToken);
        if (!format.IsSuccess)
        {
            return format.Error!;
        }

        return await QueueAsync(principal, id, lease, importOptions.Policy, plan.Value!, format.Value!, cancellationToken);
    }

    /// <summary>Decides a spooled body's format before it is queued, so a body no importer reads fails at once, not in a job.</summary>
    public static async Task<Result<DetectedImport>> DetectAsync(SpoolLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var detected = await ImportFormats.DetectAsync(lease.Stream, cancellationToken);
        lease.Stream.Position = 0;
        return detected;
    }

    /// <summary>
    /// Queues an already spooled body (the REST endpoint spools first to choose between sync and job). The job owns the
    /// file once its row is stored; until then the open lease keeps the start-up sweep off it.
    /// </summary>
    public async Task<ImportJobStatus> QueueAsync(Principal principal, Guid id, SpoolLease spooled, ImportPolicy policy, DistributionPlan plan, DetectedImport format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(spooled);
        var (spoolFile, bytes) = (spooled.Path, spooled.Bytes);
        var job = new ImportJob
        {
            Id = id,
            OwnerOrgId = plan.OwnerOrgId,
            RequestedBy = principal.Name,
            State = ImportJobState.Queued,
            Policy = policy,
            Tlp = plan.FallbackTlp,
            Scope = plan.Scope,
            AudienceId = plan.AudienceId,
            SpoolFile = spoolFile,
            Format = format.Name,
            BytesTotal = bytes,
            CreatedUs = StixTime.ToMicros(time.GetUtcNow()),
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        spooled.Keep();
        progress.Signal();
        await audit.RecordAsync(new AuditEvent("objects.import-queued", "import-job", id.ToString(), plan.OwnerOrgId, $"{bytes} bytes"), cancellationToken);
        return ToStatus(job, null);
    }

    public async Task<Result<ImportJobStatus>> GetAsync(Principal principal, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Kind != PrincipalKind.Member || principal.OrganisationId is not { } org)
        {
            return Error.NotFound("The job");
        }

        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.OwnerOrgId == org, cancellationToken);
        return job is null ? Error.NotFound("The job") : ToStatus(job, progress.Find(job.Id));
    }

    public async Task<IReadOnlyList<ImportJobStatus>> ListAsync(Principal principal, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Kind != PrincipalKind.Member || principal.OrganisationId is not { } org)
        {
            return [];
        }

        var jobs = await db.ImportJobs.AsNoTracking().Where(j => j.OwnerOrgId == org)
            .OrderByDescending(j => j.CreatedUs).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return jobs.Select(j => ToStatus(j, progress.Find(j.Id))).ToList();
    }

    /// <summary>For node administrators (the caller checks): the node-wide queue, oldest first, and the last day's failures.</summary>
    public async Task<JobQueueStatus> NodeQueueAsync(CancellationToken cancellationToken)
    {
        var active = await db.ImportJobs.AsNoTracking()
            .Where(j => j.State == ImportJobState.Queued || j.State == ImportJobState.Running)
            .OrderBy(j => j.CreatedUs).Take(100).ToListAsync(cancellationToken);
        var dayAgo = StixTime.ToMicros(time.GetUtcNow().AddDays(-1));
        var failed = await db.ImportJobs.CountAsync(j => j.State == ImportJobState.Failed && j.FinishedUs >= dayAgo, cancellationToken);
        var queued = await db.ImportJobs.CountAsync(j => j.State == ImportJobState.Queued, cancellationToken);
        var running = await db.ImportJobs.CountAsync(j => j.State == ImportJobState.Running, cancellationToken);
        return new JobQueueStatus(queued, running, failed, active.Select(j =>
        {
            var status = ToStatus(j, progress.Find(j.Id));
            return new QueuedImport(j.Id, j.OwnerOrgId, j.RequestedBy, j.State, j.BytesTotal, status.BytesRead, status.Processed, status.CreatedAt, status.StartedAt);
        }).ToList());
    }

    internal static ImportJobStatus ToStatus(ImportJob job, ImportProgress? live)
    {
        var running = job.State == ImportJobState.Running && live is not null;
        return new ImportJobStatus(
            job.Id,
            job.State,
            job.Policy,
            job.BytesTotal,
            running ? live!.BytesRead : job.State == ImportJobState.Succeeded ? job.BytesTotal : 0,
            running ? live!.Processed : job.Processed,
            running ? live!.Stored : job.Stored,
            running ? live!.Duplicates : job.Duplicates,
            running ? live!.Rejected : job.Rejected,
            running ? live!.Warninglisted : job.Warninglisted,
            JsonSerializer.Deserialize(job.ErrorsJson, IntelJson.Default.ListRejectedObject) ?? [],
            job.ErrorsTruncated,
            job.Failure,
            StixTime.FromMicros(job.CreatedUs),
            job.StartedUs is { } started ? StixTime.FromMicros(started) : null,
            job.FinishedUs is { } finished ? StixTime.FromMicros(finished) : null)
        {
            Format = job.Format,
            Misp = job.MispSummaryJson is { } summary ? JsonSerializer.Deserialize(summary, IntelJson.Default.MispImportSummary) : null,
        };
    }
}
