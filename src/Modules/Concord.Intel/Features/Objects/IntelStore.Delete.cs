using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// Deletion of whole objects or of chosen versions. Only the owner organisation's analysts delete, a version at a
/// time or all at once; each deleted version leaves a tombstone carrying that version's distribution, and the owner's
/// newest remaining version becomes <c>latest</c> again. When the owner's copy goes and one other organisation's copy
/// of the id remains, that copy becomes the id's only one (<see cref="StoredObject.SoleCopy"/>).
/// </summary>
internal sealed partial class IntelStore
{
    public Task<Result<DeletedObject>> DeleteAsync(Principal principal, string id, CancellationToken cancellationToken) =>
        DeleteCoreAsync(principal, id, null, cancellationToken).AuditedAsync(audit, IntelAudit.Delete, cancellationToken);

    public Task<Result<DeletedObject>> DeleteVersionsAsync(Principal principal, string id, IReadOnlyCollection<string> versions, CancellationToken cancellationToken) =>
        DeleteChosenVersionsAsync(principal, id, versions, cancellationToken).AuditedAsync(audit, IntelAudit.Delete, cancellationToken);

    private async Task<Result<DeletedObject>> DeleteChosenVersionsAsync(Principal principal, string id, IReadOnlyCollection<string> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            return Error.Validation("version", "required", "Name at least one version to delete.");
        }

        var keys = new HashSet<long>();
        foreach (var version in versions)
        {
            if (StixTime.ToMicros(version) is not { } us)
            {
                return Error.Validation("version", "timestamp-format", $"'{version}' is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z).");
            }

            keys.Add(us);
        }

        return await DeleteCoreAsync(principal, id, keys, cancellationToken);
    }

    /// <summary><paramref name="versionKeys"/> null: every version the principal's organisation owns.</summary>
    private async Task<Result<DeletedObject>> DeleteCoreAsync(Principal principal, string id, HashSet<long>? versionKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        DeletedObject result;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (sinks.Provider == StorageProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresIngestSink.IngestLockKey})", cancellationToken);
            }

            // Chosen inside the transaction, under the ingest lock, so no import or delete changes the versions between
            // the check and the delete.
            var visible = await Visible(principal).Where(o => o.StixId == id)
                .Select(o => new Target(o.Seq, o.VersionUs, o.Modified, o.Latest, o.OwnerOrgId, o.Tlp, o.Scope, o.AudienceId))
                .ToListAsync(cancellationToken);
            var chosen = Choose(principal, visible, versionKeys);
            if (!chosen.IsSuccess)
            {
                return chosen.Error!;
            }

            var targets = chosen.Value!;
            var owner = targets[0].OwnerOrgId;
            var seqs = targets.Select(t => t.Seq).ToList();

            // Read before the delete: the tombstones' sequence must pass every number ever given, deleted rows' included.
            var sequence = await HighWater.ReadAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), time, cancellationToken);
            var deleted = db.Objects.Where(o => seqs.Contains(o.Seq));
            await IndexCleanup.DeleteAsync(db, deleted, cancellationToken);
            await Search.SearchCleanup.DeleteAsync(db, sinks.Provider, seqs, cancellationToken);
            await deleted.ExecuteDeleteAsync(cancellationToken);
            var remaining = db.Objects.Where(o => o.StixId == id && o.OwnerOrgId == owner);
            var left = await remaining.CountAsync(cancellationToken);
            if (left > 0 && targets.Any(t => t.Latest))
            {
                var newest = await remaining.MaxAsync(o => o.VersionUs, cancellationToken);
                await remaining.Where(o => o.VersionUs == newest).ExecuteUpdateAsync(s => s.SetProperty(o => o.Latest, true), cancellationToken);
            }

            if (left == 0)
            {
                if (await db.Objects.Where(o => o.StixId == id).Select(o => o.OwnerOrgId).Distinct().CountAsync(cancellationToken) == 1)
                {
                    await db.Objects.Where(o => o.StixId == id && !o.SoleCopy).ExecuteUpdateAsync(s => s.SetProperty(o => o.SoleCopy, true), cancellationToken);
                }
            }

            long deletedAt = 0;
            foreach (var target in targets.OrderBy(t => t.VersionUs))
            {
                (var seq, deletedAt) = sequence.Next();
                db.Tombstones.Add(new Tombstone
                {
                    Seq = seq,
                    StixId = id,
                    Version = target.Version,
                    VersionUs = target.VersionUs,
                    ObjectDeleted = left == 0,
                    DeletedAtUs = deletedAt,
                    OwnerOrgId = owner,
                    Tlp = target.Tlp,
                    Scope = target.Scope,
                    AudienceId = target.AudienceId,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var removed = targets.OrderBy(t => t.VersionUs).Select(t => t.Version).ToList();
            result = new DeletedObject(id, removed[^1], StixTime.FromMicros(deletedAt), owner, targets.Count, removed, left);
        }

        // After the commit, outside the ingest gate, as imports do: scores and sightings follow the tombstones.
        await scores.AfterCommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The versions to delete. What the principal cannot read is not found (never forbidden, which would confirm it
    /// exists); a version it can read but its organisation does not own is forbidden, and then nothing is deleted.
    /// </summary>
    private static Result<List<Target>> Choose(Principal principal, List<Target> visible, HashSet<long>? versionKeys)
    {
        if (visible.Count == 0)
        {
            return Error.NotFound("The object");
        }

        if (principal.OrganisationId is not { } org || !principal.HasRole(Role.Analyst))
        {
            return Error.Forbidden("Deleting an object needs the analyst role in its owner organisation.");
        }

        if (versionKeys is null)
        {
            var owned = visible.Where(t => t.OwnerOrgId == org).ToList();
            return owned.Count > 0 ? owned : Error.Forbidden("Only the organisation that owns this object may delete it.");
        }

        // Other organisations may hold their own copies of the same versions: each deletes only its own copy.
        var named = visible.Where(t => versionKeys.Contains(t.VersionUs)).ToList();
        if (named.Select(t => t.VersionUs).Distinct().Count() < versionKeys.Count)
        {
            return Error.NotFound("A version named in 'version'");
        }

        var chosen = named.Where(t => t.OwnerOrgId == org).ToList();
        return chosen.Count == versionKeys.Count
            ? chosen
            : Error.Forbidden("Some of these versions belong to another organisation's copy; an organisation deletes only its own copy.");
    }

    private sealed record Target(long Seq, long VersionUs, string? Version, bool Latest, Guid OwnerOrgId, Stix.Tlp Tlp, Scope Scope, Guid? AudienceId);
}
