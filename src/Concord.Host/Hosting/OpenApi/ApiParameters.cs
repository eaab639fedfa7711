using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concord.Host.Hosting.OpenApi;

/// <summary>
/// Describes the operations' parameters. A parameter name means the same on every operation (<c>limit</c>,
/// <c>cursor</c>, <c>tlp</c>, ...), so the descriptions are one glossary; an operation where a name means something
/// else has its own entry.
/// </summary>
internal static class ApiParameters
{
    private const string Time = "(RFC 3339, e.g. 2026-01-01T00:00:00Z)";

    private static readonly Dictionary<string, string> Glossary = new(StringComparer.Ordinal)
    {
        ["id"] = "The record's id: a STIX identifier (type--UUID) for objects, a UUID for node records (users, keys, groups, jobs, ...).",
        ["organisationId"] = "The member organisation's id (a UUID).",
        ["caseId"] = "The case's id (a UUID).",
        ["taskId"] = "The task's id (a UUID), as the case lists it.",
        ["attachmentId"] = "The attachment's id (a UUID), as the case lists it.",
        ["contributionId"] = "The contribution's id (a UUID): a comment, timeline entry, task, observable or attachment of the case.",
        ["requestId"] = "The assistance request's id (a UUID), as the case or the queue lists it.",
        ["personId"] = "The person's opaque id (a UUID), as the team's profile lists it.",
        ["uuid"] = "The MISP event's uuid: the uuid of the report or grouping it is built from.",
        ["type"] = "Only objects of this STIX type, e.g. `indicator`.",
        ["label"] = "Only objects carrying this label.",
        ["created_by_ref"] = "Only objects whose `created_by_ref` is this identity (identity--UUID).",
        ["modified_from"] = $"Only objects modified at or after this time {Time}.",
        ["modified_to"] = $"Only objects modified before this time {Time}.",
        ["q"] = "Words to search for in names, descriptions, patterns and other text.",
        ["tlp"] = "Only objects with this TLP label: `clear`, `green`, `amber`, `amber+strict` or `red`.",
        ["owner"] = "Only objects owned by this organisation (a UUID); on a read by id, that organisation's own copy of the object instead of the primary copy.",
        ["sort"] = "`relevance` (the default with `q`: best matches first, ATT&CK ids and names before descriptions), `newest` or `oldest` (the default without `q`: the order sync relies on).",
        ["days"] = "The period the figures cover, in days back from now (1-366; the dashboard offers 7, 30, 90 and 365).",
        ["all_versions"] = "`true`: every version of each object, not only the latest.",
        ["min_score"] = "Only indicators whose score is at least this now (0-100).",
        ["limit"] = "How many items a page holds (1 up to the operation's maximum).",
        ["cursor"] = "The `next` value of the previous page; omit it for the first page.",
        ["exclude_warninglisted"] = "`true`: leave out objects whose observables are all on a warninglist.",
        ["version"] = "A version of the object: its `modified` timestamp. Without it, the latest version.",
        ["policy"] = "`all-or-nothing` (the default: a bundle with an invalid object stores nothing) or `best-effort` (store the valid objects, report the others).",
        ["scope"] = "Who objects are shared with: `owner`, `recipients`, `sharing-group`, `alliance`, `connected-nodes` or `public` (never wider than their TLP allows).",
        ["recipients"] = "Recipient organisations (UUIDs, repeated or comma-separated), for scope `recipients`.",
        ["sharing_group"] = "The sharing group (a UUID), for scope `sharing-group`.",
        ["async"] = "`true`: run the import as a job even when it is small (the answer is then 202 with the job).",
        ["value"] = "The value to correlate: an IP address or network, domain, URL, e-mail address, hash, or `kind:value` such as `mutex:Global\\x`.",
        ["unread"] = "`true`: only the notifications not yet read.",
        ["parent_domains"] = "`true`: also match objects that report a parent domain of a domain looked up.",
    };

    /// <summary>Where a name means something else on one operation (operation id, parameter name).</summary>
    private static readonly Dictionary<(string, string), string> ByOperation = new()
    {
        [("ImportObjects", "tlp")] = "The TLP for objects that carry no TLP marking (default: your organisation's default TLP).",
        [("QueryAudit", "action")] = "Only entries of this action, e.g. `sign-in.failed`; a trailing `*` matches a prefix (`objects.*`).",
        [("QueryAudit", "organisation")] = "Only entries by or about this organisation (a UUID).",
        [("QueryAudit", "actor")] = "Only entries by this user, API key or peer node (its id).",
        [("QueryAudit", "from")] = $"Only entries at or after this time {Time}.",
        [("QueryAudit", "to")] = $"Only entries before this time {Time}.",
        [("ListMyNotifications", "before")] = "The id of the last notification of the page before: the next page holds the older ones after it. An empty page is the end.",
        [("QueryAudit", "before")] = "The `next` value of the previous page: entries older than it. Omit it for the newest.",
        [("ListCases", "q")] = "Words of the case's title or summary.",
        [("ListCases", "status")] = "Only cases with this status: `new`, `investigating`, `contained`, `resolved` or `closed`.",
        [("ListCases", "severity")] = "Only cases of this severity: `low`, `medium`, `high` or `critical`.",
        [("ListCases", "category")] = "Only cases of this RSIT category (`fraud:phishing`) or class (`fraud`).",
        [("ListCases", "country")] = "Only cases affecting this country (ISO 3166-1 alpha-2, e.g. `EE`).",
        [("ListCases", "sector")] = "Only cases affecting this sector (e.g. `energy`; GET /api/v1/cases/taxonomy lists them).",
        [("AttachToCase", "fileName")] = "The attachment's file name (at most 255 characters).",
        [("AttachToCase", "tlp")] = "The attachment's TLP: the case's by default, or stricter.",
        [("AttachToCase", "recipients")] = "For TLP:RED: the organisations of the case that may read it (UUIDs, comma-separated).",
        [("ListRequestQueue", "all")] = "Also the finished requests (declined, closed, withdrawn); default: open, acknowledged and accepted ones only.",
        [("ListSentRequests", "all")] = "Also the finished requests (declined, closed, withdrawn); default: open, acknowledged and accepted ones only.",
        [("GetAllianceRequestView", "from")] = "The period's start (RFC 3339): requests asked from then on; default 90 days before its end.",
        [("GetAllianceRequestView", "to")] = "The period's end (RFC 3339), exclusive; default now.",
        [("ListTeams", "q")] = "Part of the team's name or short name.",
        [("ListTeams", "country")] = "Only teams based in this country or serving it (ISO 3166-1 alpha-2, e.g. `EE`).",
        [("ListTeams", "region")] = "Only teams based in this region (continent): `Africa`, `Asia`, `Europe`, `North America`, `Oceania` or `South America`.",
        [("ListTeams", "sector")] = "Only teams whose constituency includes a sector containing these words (e.g. `energy`).",
        [("ListTeams", "type")] = "Only teams of this type: `national-cert`, `government-cert`, `sectoral-csirt`, `government-agency`, `regulator`, `law-enforcement`, `academic-csirt`, `non-profit` or `other`.",
        [("Whose", "value")] = "An IP address or CIDR network, a domain, a URL, an e-mail address or an AS number (`AS64500`); defanged forms are read too.",
        [("ExportObjects", "format")] = "`ips`, `domains`, `urls`, `hashes` (block lists, one value a line), `suricata` or `snort` (rules), `csv`, `misp` or `stix`.",
        [("ExportObjects", "tlp_max")] = "A TLP ceiling: only objects whose TLP is at most this (`amber`: CLEAR, GREEN and AMBER).",
        [("ExportObjects", "since")] = $"Only objects modified at or after this time {Time}.",
        [("ExportObjects", "type")] = "For `stix`, `csv` and `misp`: only objects of this STIX type. For `suricata` and `snort`: only rules for these kinds of value (`ip,domain,url,hash,ja3`). Refused for the block lists, whose format is their type.",
        [("DeleteObject", "version")] = "The versions to delete (`modified` timestamps, repeated or comma-separated). Without it, every version your organisation owns.",
    };

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => string.IsNullOrEmpty(p.Description) && p.Name is not null))
        {
            parameter.Description = ByOperation.GetValueOrDefault((operation.OperationId ?? "", parameter.Name!)) ?? Glossary.GetValueOrDefault(parameter.Name!);
        }

        return Task.CompletedTask;
    }
}
