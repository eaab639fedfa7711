using Concord.Access;
using Concord.Intel;
using Concord.Taxii.Data;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Features.Status;

/// <summary>
/// Add Objects (T 5.5) over the Intel import: every object is validated by the STIX library there. Intel's
/// <see cref="IImportRouting"/> decides: an envelope added while the client waits answers a complete status; one that
/// becomes an import job a pending status that completes when polled after the job ends (and survives a restart because
/// both are persisted).
/// </summary>
internal sealed class AddObjects(
    TaxiiDbContext db, IIntelStore store, IImportJobs jobs, IImportRouting routing, ITaxiiObjectSource source, TaxiiCatalog catalog,
    IOptions<TaxiiOptions> options, TimeProvider time, ILogger<AddObjects> logger)
{
    public async Task<(TaxiiStatus? Status, TaxiiError? Error)> AddAsync(
        Principal principal, string root, TaxiiCollection collection, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (scanned, invalid) = EnvelopeScan.Read(body);
        if (invalid is not null)
        {
            return (null, TaxiiError.Unprocessable("envelope", invalid, "objects"));
        }

        var now = time.GetUtcNow();
        var entries = StatusBook.Pendings(scanned!, now);
        var status = new TaxiiStatus
        {
            Id = Guid.NewGuid(),
            OwnerOrgId = principal.OrganisationId!.Value,
            RequestedBy = principal.Name,
            ApiRoot = root,
            CollectionId = collection.Id,
            RequestUs = Micros(now),
            ExpiresUs = Micros(now + options.Value.StatusRetention),
            Total = entries.Count,
            DetailsJson = "{}",
        };

        if (entries.Count == 0)
        {
            StatusBook.Complete(status, entries, [], false, 0, null);
        }
        else if (routing.Choose(ImportEntry.Taxii, body.Length) == ImportMode.Job)
        {
            var job = await jobs.SubmitAsync(principal, new ReadOnlyMemoryStream(body), collection.ImportOptions(), cancellationToken);
            if (!job.IsSuccess)
            {
                return (null, TaxiiError.Unprocessable(job.Error!.Rule, job.Error.Message, job.Error.Field));
            }

            status.JobId = job.Value!.Id;
            status.Pending = entries.Count;
            status.DetailsJson = new StatusLists(null, null, entries).ToJson();
        }
        else
        {
            var report = await store.ImportAsync(principal, new ReadOnlyMemoryStream(body), collection.ImportOptions(), null, cancellationToken);
            if (!report.IsSuccess)
            {
                return (null, TaxiiError.Unprocessable(report.Error!.Rule, report.Error.Message, report.Error.Field));
            }

            var r = report.Value!;
            StatusBook.Complete(status, entries, r.Errors, r.ErrorsTruncated, r.Rejected, null);
            await UnversionedNames.ApplyAsync(source, principal, collection.View, status, cancellationToken);
        }

        db.Statuses.Add(status);
        await db.SaveChangesAsync(cancellationToken);
        logger.ObjectsAdded(status.Id, status.Total, status.Succeeded, status.Failed, status.Pending);
        return (status, null);
    }

    /// <summary>The principal's own status, brought up to date with its job; null when unknown, expired or someone else's.</summary>
    public async Task<TaxiiStatus?> FindAsync(Principal principal, string root, Guid id, CancellationToken cancellationToken)
    {
        if (principal.OrganisationId is not { } org)
        {
            return null;
        }

        var nowUs = Micros(time.GetUtcNow());
        var status = await db.Statuses.FirstOrDefaultAsync(
            s => s.Id == id && s.ApiRoot == root && s.OwnerOrgId == org && s.RequestedBy == principal.Name && s.ExpiresUs > nowUs, cancellationToken);
        if (status is { Complete: false, JobId: { } jobId })
        {
            var job = await jobs.GetAsync(principal, jobId, cancellationToken);
            if (!job.IsSuccess)
            {
                logger.JobUnreadable(jobId, id, job.Error!.Message);
            }
            else if (job.Value!.State is ImportJobState.Succeeded or ImportJobState.Failed)
            {
                var j = job.Value;
                var entries = StatusLists.FromJson(status.DetailsJson).Pendings ?? [];
                StatusBook.Complete(status, entries, j.Errors, j.ErrorsTruncated, j.Rejected, j.State == ImportJobState.Failed ? j.Failure ?? "The import failed." : null);
                if (catalog.Find(root)?.Collections.FirstOrDefault(c => c.Id == status.CollectionId) is { } collection)
                {
                    await UnversionedNames.ApplyAsync(source, principal, collection.View, status, cancellationToken);
                }

                // Kept for the whole retention after completion (T 4.3), however long the job ran.
                status.ExpiresUs = Math.Max(status.ExpiresUs, Micros(time.GetUtcNow() + options.Value.StatusRetention));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return status;
    }

    private static long Micros(DateTimeOffset time) => TaxiiStatus.Micros(time);
}

/// <summary>A read-only stream over memory the request body was read into (no copy).</summary>
internal sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => memory.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, memory.Length - _position);
        memory.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
