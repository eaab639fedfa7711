using System.Text;
using Concord.Access;
using Concord.Intel.Features.Objects;
using Concord.Platform;
using Concord.Stix.Markings;
using Concord.Platform.Audit;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Export.Defender;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Exports for the browser, the CLI and (later) the API: one place, so they cannot disagree. Objects stream through
/// <see cref="IIntelStore.StreamAsync"/>; referenced identities and marking definitions are read through
/// <see cref="IIntelStore.GetAsync"/>, so a hidden one is left out as if it did not exist.
/// </summary>
internal sealed class IntelExports(
    IntelStore store, IAccessDirectory directory, IAuditTrail audit, IntelDbContext db, WarninglistService warninglists, TimeProvider? time = null) : IIntelExports
{
    private DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();

    public Task<ExportSummary> WriteAsync(Principal principal, ObjectQuery query, ExportFormat format, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(principal, query, format, new ExportOptions(), output, cancellationToken);

    public async Task<string> TagAsync(Principal principal, ObjectQuery query, ExportFormat format, ExportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var names = format == ExportFormat.Csv ? (await OrganisationNamesAsync(cancellationToken)).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}") : [];
        return await ExportTag.ComputeAsync(db, principal, Effective(query, format), format, options, warninglists.Current, names, Now, cancellationToken);
    }

    /// <summary>The rule and list formats read indicators, whatever type was asked for.</summary>
    private static ObjectQuery Effective(ObjectQuery query, ExportFormat format) =>
        ExportFormats.IsIndicatorValues(format) ? query with { Type = "indicator" } : query;

    public async Task<ExportSummary> WriteAsync(Principal principal, ObjectQuery query, ExportFormat format, ExportOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        query = Effective(query, format);
        var objects = store.StreamAsync(principal, query with { After = null, Limit = IntelStore.MaxPageSize }, cancellationToken);
        var summary = format switch
        {
            ExportFormat.Stix => await StixBundleWriter.WriteAsync(objects, (id, ct) => ReferencedAsync(principal, id, ct), output, cancellationToken),
            ExportFormat.Csv => await CsvWriter.WriteAsync(objects, principal, await OrganisationNamesAsync(cancellationToken), output, cancellationToken),
            ExportFormat.Misp => await MispJsonWriter.WriteAsync(store, principal, query with { After = null, Limit = IntelStore.MaxPageSize }, output, Now, cancellationToken),
            ExportFormat.Suricata or ExportFormat.Snort or ExportFormat.Ips or ExportFormat.Domains or ExportFormat.Urls or ExportFormat.Hashes =>
                await IndicatorExport.WriteAsync(store.StreamJsonAsync(principal, query, cancellationToken), format, options, query.ExcludeWarninglisted ? warninglists.Current : null, Now, output, cancellationToken),
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
        query.TlpMax is null ? null : $"tlp at most {query.TlpMax}",
        query.MinScore is null ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"min score {query.MinScore}"),
        query.ModifiedFrom is null ? null : "since",
        query.ExcludeWarninglisted ? "without warninglisted" : null,
        summary.Entries == 0 && summary.Skipped == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Entries} entries, {summary.Skipped} indicators skipped"),
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
