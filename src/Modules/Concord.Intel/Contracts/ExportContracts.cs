using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>
/// What an export is written as. Block-list formats (Suricata/Snort rules, plain lists of values) join here when MISP
/// interoperability adds them: a new member, its <see cref="ExportFormats"/> entry and its writer in <c>IntelExports</c>.
/// </summary>
public enum ExportFormat
{
    /// <summary>A STIX 2.1 bundle: the objects, then the identities and marking definitions they reference that the reader may read.</summary>
    Stix,

    /// <summary>
    /// One row per object: id, type, name, value/pattern, owner organisation, TLP, created, modified, score, labels
    /// (RFC 4180, UTF-8, a header row).
    /// </summary>
    Csv,

    /// <summary>
    /// MISP JSON, as MISP's API exports events (<c>{"response": [{"Event": …}]}</c>): each report or grouping an event with
    /// what it references, the other objects in "Concord export" events (docs/misp-import.md, "Export").
    /// </summary>
    Misp,
}

/// <summary>How each export format is named and served.</summary>
public static class ExportFormats
{
    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.Stix => "stix",
        ExportFormat.Csv => "csv",
        ExportFormat.Misp => "misp",
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Stix => "application/stix+json;version=2.1",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Misp => "application/json",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Stix => ".json",
        ExportFormat.Csv => ".csv",
        ExportFormat.Misp => ".misp.json",
    };

    public static bool TryParse(string? text, out ExportFormat format)
    {
        foreach (var candidate in Enum.GetValues<ExportFormat>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }
}

/// <summary>What an export wrote: the objects that matched, and the referenced identities and markings added after them (MISP: the events written).</summary>
public sealed record ExportSummary(long Objects, long Referenced);

/// <summary>
/// Exports of what a principal may read. They stream: objects are read page by page through
/// <see cref="IIntelStore.StreamAsync"/> (so through visibility) and written as they come, whatever the store's size.
/// Only the ids of referenced identities and marking definitions are kept while streaming, to append those objects —
/// each read through visibility (the fixed TLP marking definitions are always included) — after the rest.
/// </summary>
public interface IIntelExports
{
    /// <summary>Every object matching <paramref name="query"/> (its cursor and limit are ignored) written to <paramref name="output"/>.</summary>
    Task<ExportSummary> WriteAsync(Principal principal, ObjectQuery query, ExportFormat format, Stream output, CancellationToken cancellationToken);

    /// <summary>
    /// One version of one organisation's copy (null: the primary copy's latest) as a STIX bundle with the identities and
    /// marking definitions it references. Not found — with nothing written — when the principal may not read it.
    /// </summary>
    Task<Result<ExportSummary>> WriteObjectAsync(Principal principal, string id, string? version, Guid? owner, Stream output, CancellationToken cancellationToken);
}
