using System.Text;
using Concord.Access;
using Concord.Intel.Features.Objects;
using Concord.Platform;
using Concord.Stix.Markings;
using Concord.Platform.Audit;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Exports for the browser, the CLI and (later) the API: one place, so they cannot disagree. Objects stream through
/// <see cref="IIntelStore.StreamAsync"/>; referenced identities and marking definitions are read through
/// <see cref="IIntelStore.GetAsync"/>, so a hidden one is left out as if it did not exist.
/// </summary>
internal sealed class IntelExports(IIntelStore store, IAccessDirectory directory, IAuditTrail audit, TimeProvider? time = null) : IIntelExports
{
    public async Task<ExportSummary> WriteAsync(Principal principal, ObjectQuery query, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var objects = store.StreamAsync(principal, query with { After = null, Limit = IntelStore.MaxPageSize }, cancellationToken);
        var summary = format switch
        {
            ExportFormat.Stix => await StixBundleWriter.WriteAsync(objects, (id, ct) => ReferencedAsync(principal, id, ct), output, cancellationToken),
            ExportFormat.Csv => await CsvWriter.WriteAsync(objects, principal, await OrganisationNamesAsync(cancellationToken), output, cancellationToken),
            ExportFormat.Misp => await MispJsonWriter.WriteAsync(store, principal, query with { After = null, Limit = IntelStore.MaxPageSize }, output, (time ?? TimeProvider.System).GetUtcNow(), cancellationToken),

            // Block lists (Suricata/Snort rules, plain value lists) are written here once MISP interoperability adds them.
        };
        await audit.RecordAsync(new AuditEvent("objects.export", "export", null, principal.OrganisationId, Describe(format, query, summary)), cancellationToken);
        return summary;
    }

    /// <summary>The export's format, filters and size: what left the node, without what it said.</summary>
    private static string Describe(ExportFormat format, ObjectQuery query, ExportSummary summary) => string.Join("; ", new[]
    {
        $"{format}".ToLowerInvariant(),
        query.Type is null ? null : $"type {query.Type}",
        query.Text is null ? null : "text search",
        query.Label is null ? null : "label",
        query.Tlp is null ? null : $"tlp {query.Tlp}",
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Objects} objects, {summary.Referenced} referenced"),
    }.OfType<string>());

    public async Task<Result<ExportSummary>> WriteObjectAsync(Principal principal, string id, string? version, Guid? owner, Stream output, CancellationToken cancellationToken)
    {
        var found = await store.GetCopyAsync(principal, id, version, owner, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var summary = await StixBundleWriter.WriteAsync(One(found.Value!), (reference, ct) => ReferencedAsync(principal, reference, ct), output, cancellationToken);
        await audit.RecordAsync(IntelAudit.Object("objects.download", found.Value!.Id, found.Value.OwnerOrgId, found.Value.Version), cancellationToken);
        return summary;
    }

    /// <summary>A referenced identity or marking definition the principal may read; the TLP definitions are public and fixed.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReferencedAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        if (TlpMarkings.TryGetLevel(id, out var tlp))
        {
            return Encoding.UTF8.GetBytes(TlpMarkings.IdOf(tlp) == id ? TlpMarkings.JsonOf(tlp) : TlpMarkings.Tlp1JsonOf(tlp));
        }

        var found = await store.GetAsync(principal, id, null, cancellationToken);
        return found.IsSuccess ? found.Value!.Json : (ReadOnlyMemory<byte>?)null;
    }

    private async Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(CancellationToken cancellationToken) =>
        (await directory.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);

    private static async IAsyncEnumerable<StoredStixObject> One(StoredStixObject stored)
    {
        await Task.CompletedTask;
        yield return stored;
    }
}
