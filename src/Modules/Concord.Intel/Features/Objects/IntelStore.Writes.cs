using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Intel.Features.Objects;

/// <summary>Revocation: only the owner organisation (analyst or higher) may revoke (deletion is in IntelStore.Delete.cs).</summary>
internal sealed partial class IntelStore
{
    public Task<Result<StoredStixObject>> RevokeAsync(Principal principal, string id, CancellationToken cancellationToken) =>
        RevokeCoreAsync(principal, id, cancellationToken).AuditedAsync(audit, o => IntelAudit.Object("objects.revoke", o.Id, o.OwnerOrgId, o.Version), cancellationToken);

    private async Task<Result<StoredStixObject>> RevokeCoreAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var owned = await OwnedLatestAsync(principal, id, cancellationToken);
        if (!owned.IsSuccess)
        {
            return owned.Error!;
        }

        var latest = owned.Value!;
        if (latest.Revoked)
        {
            return Error.Conflict("already-revoked", $"{id} is already revoked.", "id");
        }

        if (latest.ModifiedUs is null)
        {
            return Error.Validation("id", "not-versioned", $"{id} has no 'modified' property (a cyber-observable), so it cannot be revoked.");
        }

        if (!StixParser.TryParse(latest.Json, out var current, out _))
        {
            return Error.Conflict("not-parseable", $"The stored {id} cannot be read back; it cannot be revoked.", "id");
        }

        using var revoked = current.Revoke(time);
        current.Dispose();
        var modified = revoked.Modified!;
        var modifiedUs = StixTime.ToMicros(modified)!.Value;
        var json = revoked.Utf8Json;
        var row = new IngestRow(
            latest.StixId, latest.Type, latest.SpecVersion, latest.Created, modified, latest.CreatedUs, modifiedUs, modifiedUs, true,
            latest.CreatedByRef, latest.Name, latest.Description, latest.Labels, latest.OwnerOrgId, latest.Tlp, latest.Scope, latest.AudienceId, json)
        {
            ObservableKeys = IngestObservables.KeysOf(revoked),
            Search = Search.SearchDocument.From(revoked),
        };

        using (await gate.EnterAsync(cancellationToken))
        {
            await using var sink = sinks.Create();
            await sink.BeginAsync(cancellationToken);
            await sink.AddAsync(row, cancellationToken);
            await sink.FlushAsync(cancellationToken);
            await sink.CommitAsync(continueAfter: false, cancellationToken);
        }

        await scores.AfterCommitAsync(cancellationToken);
        return await GetAsync(principal, id, modified, cancellationToken);
    }

    /// <summary>
    /// The principal's organisation's latest version of <paramref name="id"/>. What the principal cannot read is not
    /// found (never forbidden, which would confirm it exists); what it can read but does not own is forbidden.
    /// </summary>
    private async Task<Result<StoredObject>> OwnedLatestAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!await Visible(principal).AnyAsync(o => o.StixId == id, cancellationToken))
        {
            return Error.NotFound("The object");
        }

        if (principal.OrganisationId is not { } org || !principal.HasRole(Role.Analyst))
        {
            return Error.Forbidden("Revoking an object needs the analyst role in its owner organisation.");
        }

        var latest = await Visible(principal).Where(o => o.StixId == id && o.OwnerOrgId == org && o.Latest).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? Error.Forbidden("Only the organisation that owns this object may revoke it.") : latest;
    }
}
