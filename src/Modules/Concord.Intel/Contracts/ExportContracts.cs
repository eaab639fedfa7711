using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>
/// What an export is written as: a new member, its <see cref="ExportFormats"/> entry and its writer in <c>IntelExports</c>.
/// The rule and list formats read indicators only, and only what their STIX patterns assert as plain values
/// (docs/exports.md says which patterns qualify; the others are skipped and counted).
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

    /// <summary>Suricata 7 rules: IP, domain (DNS query), http:// URL and JA3 indicators; sids stable across exports.</summary>
    Suricata,

    /// <summary>Snort 2.9 rules: IP, domain (DNS query on the wire) and http:// URL indicators; the same sids as Suricata's.</summary>
    Snort,

    /// <summary>IPv4 then IPv6 addresses and networks, one a line, adjacent and overlapping ranges merged into the fewest CIDRs.</summary>
    Ips,

    /// <summary>Domain names, one a line.</summary>
    Domains,

    /// <summary>URLs, one a line.</summary>
    Urls,

    /// <summary>File hashes (MD5, SHA-1, SHA-256, SHA-512), one a line.</summary>
    Hashes,
}

/// <summary>How each export format is named and served.</summary>
public static class ExportFormats
{
    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.Stix => "stix",
        ExportFormat.Csv => "csv",
        ExportFormat.Misp => "misp",
        ExportFormat.Suricata => "suricata",
        ExportFormat.Snort => "snort",
        ExportFormat.Ips => "ips",
        ExportFormat.Domains => "domains",
        ExportFormat.Urls => "urls",
        ExportFormat.Hashes => "hashes",
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Stix => "application/stix+json;version=2.1",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Misp => "application/json",
        ExportFormat.Suricata or ExportFormat.Snort or ExportFormat.Ips or ExportFormat.Domains or ExportFormat.Urls or ExportFormat.Hashes
            => "text/plain; charset=utf-8",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Stix => ".json",
        ExportFormat.Csv => ".csv",
        ExportFormat.Misp => ".misp.json",
        ExportFormat.Suricata => ".suricata.rules",
        ExportFormat.Snort => ".snort.rules",
        ExportFormat.Ips or ExportFormat.Domains or ExportFormat.Urls or ExportFormat.Hashes => ".txt",
    };

    /// <summary>Formats that read indicators' values rather than whole objects.</summary>
    public static bool IsIndicatorValues(ExportFormat format) => format >= ExportFormat.Suricata;

    /// <summary>Every format's name, for help and error messages.</summary>
    public static string Names => string.Join(", ", Enum.GetValues<ExportFormat>().Select(Name));

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

/// <summary>
/// What an export wrote: the objects that matched, and the referenced identities and markings added after them (MISP: the
/// events written). Rule and list formats: <see cref="Objects"/> the indicators read, <see cref="Entries"/> the rules or
/// lines written, <see cref="Skipped"/> the indicators that gave none (a pattern that is not plain values, revoked, expired).
/// </summary>
public sealed record ExportSummary(long Objects, long Referenced)
{
    public long Entries { get; init; }

    public long Skipped { get; init; }
}

/// <summary>
/// How an export is written beyond its query. <see cref="Links"/>: the node's address, so that rules can reference each
/// indicator's page. <see cref="Kinds"/>: for rule formats, only these kinds of values (null: all).
/// </summary>
public sealed record ExportOptions(Uri? Links = null, IReadOnlySet<IndicatorValueKind>? Kinds = null);

/// <summary>The kinds of values that rules are written for.</summary>
public enum IndicatorValueKind
{
    Ip,
    Domain,
    Url,
    Hash,
    Ja3,
}

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

    /// <inheritdoc cref="WriteAsync(Principal, ObjectQuery, ExportFormat, Stream, CancellationToken)"/>
    Task<ExportSummary> WriteAsync(Principal principal, ObjectQuery query, ExportFormat format, ExportOptions options, Stream output, CancellationToken cancellationToken);

    /// <summary>
    /// A strong entity tag for what <see cref="WriteAsync(Principal, ObjectQuery, ExportFormat, ExportOptions, Stream, CancellationToken)"/>
    /// would write now, computed without writing it: from the store's high-water mark, the score follower's position, the
    /// warninglists in force, the reader's audiences and the request. It changes whenever the export may have.
    /// </summary>
    Task<string> TagAsync(Principal principal, ObjectQuery query, ExportFormat format, ExportOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// One version of one organisation's copy (null: the primary copy's latest) as a STIX bundle with the identities and
    /// marking definitions it references. Not found — with nothing written — when the principal may not read it.
    /// </summary>
    Task<Result<ExportSummary>> WriteObjectAsync(Principal principal, string id, string? version, Guid? owner, Stream output, CancellationToken cancellationToken);
}
