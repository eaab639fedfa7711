using Concord.IntegrationTests.Host;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// A new read path cannot be forgotten: every GET endpoint and every page the node maps is either covered by an adapter
/// of the leak harness (<see cref="IReadPath.Routes"/>) or listed here with the reason it shows no shareable record.
/// </summary>
public class ReadPathCoverageTests
{
    /// <summary>Routes that read no shareable record, and why.</summary>
    private static readonly Dictionary<string, string> ReadNoRecords = new()
    {
        ["/_framework/opaque-redirect"] = "framework plumbing", ["/_blazor"] = "framework plumbing",
        ["/_blazor/disconnect/"] = "framework plumbing", ["/_blazor/initializers/"] = "framework plumbing", ["/_blazor/negotiate"] = "framework plumbing",
        ["/health/live"] = "liveness: no data", ["/health/ready"] = "schema readiness: no records",
        ["/api/docs/favicon.svg"] = "API documentation", ["/api/docs/scalar.aspnetcore.js"] = "API documentation", ["/api/docs/scalar.js"] = "API documentation",
        ["/api/docs/{documentName?}"] = "API documentation", ["/openapi/{documentName}.json"] = "API documentation",
        ["(static files)"] = "static assets", ["/{**path:file}"] = "static assets",
        ["/taxii2/{**rest}"] = "TAXII's not-found fallback: answers 404 for unknown paths", ["/taxii2/"] = "TAXII discovery: the node's roots",
        ["/taxii2/{root}/"] = "TAXII API root: the root's description", ["/taxii2/{root}/status/{statusId}/"] = "the caller's own add-objects status (ids it posted)",
        ["/api/v1/alerts/settings"] = "the organisation's own opt-in flag", ["/admin/alerts"] = "the organisation's own opt-in flag",
        ["/api/v1/api-keys/"] = "the caller's own API keys", ["/api/v1/api-keys/{id:guid}"] = "the caller's own API keys", ["/account/api-keys"] = "the caller's own API keys",
        ["/api/v1/audit/"] = "the audit log: org admins see their organisation's entries (Audit/AuditTrailTests); ids and counts, no record content",
        ["/api/v1/audit/verify"] = "the audit chain's integrity", ["/admin/audit"] = "the audit log page (Web/AuditPageTests)",
        ["/api/v1/feeds/"] = "feed settings: admin-only configuration of the owner organisation, other organisations' feeds are not found (Intel/Feeds/FeedAccessTests)",
        ["/api/v1/feeds/{id:guid}"] = "feed settings: admin-only configuration of the owner organisation, other organisations' feeds are not found (Intel/Feeds/FeedAccessTests)",
        ["/api/v1/correlation/exclusions/"] = "node configuration", ["/api/v1/correlation/exclusions/{id:guid}"] = "node configuration", ["/admin/exclusions"] = "node configuration",
        ["/api/v1/warninglists/"] = "public warninglists", ["/admin/warninglists"] = "public warninglists",
        ["/api/v1/me/notification-preferences"] = "the caller's own choices", ["/account/notifications"] = "the caller's own choices",
        ["/api/v1/webhooks/"] = "the organisation's webhook settings", ["/admin/webhooks"] = "the organisation's webhook settings and delivery log",
        ["/api/v1/webhooks/{id:guid}/deliveries"] = "a webhook's delivery log: status, attempts and the receiver's answers, never content",
        ["/admin/feeds"] = "the organisation's feed settings and run counts (Web/FeedPageTests)",
        ["/api/v1/mail/"] = "the mail relay's state", ["/admin/mail"] = "the mail relay's state",
        ["/api/v1/me/"] = "the caller itself", ["/api/v1/me/sign-ins"] = "the caller's own sign-ins", ["/account"] = "the caller itself", ["/account/password"] = "the caller itself",
        ["/api/v1/directory/teams"] = "the team directory: team profiles, members only (Teams/TeamDirectoryTests)",
        ["/api/v1/directory/teams/{organisationId:guid}"] = "the team directory: team profiles, members only (Teams/TeamDirectoryTests)",
        ["/api/v1/directory/teams/{organisationId:guid}/routing"] = "a team's routing choices, no records: its own members and the secretariat (Teams/ConstituencyRoutingTests)",
        ["/api/v1/federation/node"] = "the node's id, name, peer collection and hosted organisations (the member directory), members and peers (Federation/PullTests)",
        ["/api/v1/federation/peers/"] = "connected nodes and their pull status, no records: node admins (Federation/PeerTests)",
        ["/api/v1/federation/peers/{id:guid}"] = "a connected node and its pull status, no records: node admins (Federation/PeerTests)",
        ["/api/v1/federation/lookups/secret"] = "whether blind lookups are on, the secret's fingerprint and the blind index's progress, no records (Federation/BlindLookupTests)",
        ["/api/v1/directory/whose"] = "the team directory's constituencies, members only (Teams/TeamDirectoryTests)",
        ["/api/v1/cases/taxonomy"] = "the case categories and sectors: public taxonomies, no records",
        ["/directory"] = "the team directory page, members only (Web/DirectoryPageTests)",
        ["/api/v1/organisations/"] = "the member directory", ["/api/v1/organisations/{id:guid}"] = "the member directory",
        ["/api/v1/peers/"] = "node configuration", ["/admin/peers"] = "node configuration", ["/admin/federation"] = "connected nodes and their pull status, no records: node admins (Web/FederationPageTests)", ["/admin/node"] = "node health: positions and lag, no record",
        ["/api/v1/sharing-groups/"] = "groups the caller's organisation is in", ["/api/v1/sharing-groups/{id:guid}"] = "groups the caller's organisation is in",
        ["/api/v1/users/"] = "users the caller administers", ["/api/v1/users/{id:guid}"] = "users the caller administers",
        ["/admin"] = "users the caller administers", ["/admin/users"] = "users the caller administers",
        ["/admin/organisations"] = "the member directory", ["/admin/organisations/{Id:guid}"] = "the member directory",
        ["/admin/sharing-groups"] = "groups the caller administers", ["/admin/sharing-groups/{Id:guid}"] = "groups the caller administers",
        ["/admin/sharing-groups/{Id:guid}/delete"] = "groups the caller administers",
        ["/exports"] = "pull URLs and hints: what they serve is checked by the exports adapter",
        ["/import/text"] = "a form; its preview reads through the correlation service and the store's query (Intel/FreeText/TextImportTests)",
        ["/import"] = "a form", ["/import/jobs/{JobId:guid}"] = "the organisation's own job (jobs are checked by the REST adapter)",
        ["/intel/new/indicator"] = "a form", ["/intel/new/note"] = "a form; the object it is about is read by id through the store (the object adapter), and a hidden one prefills nothing, as a missing one", ["/intel/new/report"] = "a form",
        ["/login"] = "sign-in", ["/login/code"] = "sign-in", ["/login/recovery"] = "sign-in",
        ["/lookup"] = "the lookup page: the correlation service the correlation adapter checks",
        ["/lookup/nodes"] = "asking connected nodes: what each answers is read through its door (the blind lookup adapter checks the answering side)",
        ["/misp/servers/getVersion"] = "MISP API: the version it follows", ["/misp/servers/getPyMISPVersion.json"] = "MISP API: the version it follows",
        ["/misp/users/view/me"] = "MISP API: the caller itself", ["/misp/attributes/describeTypes.json"] = "MISP API: the attribute types Concord maps",
    };

    [Fact]
    public async Task EveryGetEndpointAndPage_IsCoveredByAnAdapterOrSaysWhyItReadsNoRecords()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        var lines = EndpointPolicyTests.Describe(node.Services.GetRequiredService<EndpointDataSource>().Endpoints)
            .Where(l => l.StartsWith("GET", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(" ->", StringComparison.Ordinal)].Trim())
            .ToList();
        var covered = ReadPaths.All.SelectMany(p => p.Routes).ToHashSet();

        var unaccounted = lines.Where(l => !covered.Contains(l) && !ReadNoRecords.ContainsKey(Route(l))).ToList();
        var stale = ReadNoRecords.Keys.Where(r => !lines.Any(l => Route(l) == r)).ToList();

        Assert.True(unaccounted.Count == 0 && stale.Count == 0,
            $"Read paths neither covered by a leak harness adapter nor listed as reading no records:\n{string.Join('\n', unaccounted)}\nListed routes no endpoint has:\n{string.Join('\n', stale)}");
    }

    /// <summary>"GET,POST /intel (page)" → "/intel"; "GET,HEAD (static files)" → "(static files)".</summary>
    private static string Route(string line)
    {
        var route = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return route.EndsWith(" (page)", StringComparison.Ordinal) ? route[..^" (page)".Length] : route;
    }
}
