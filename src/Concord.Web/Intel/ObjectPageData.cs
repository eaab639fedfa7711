using System.Text.Json;
using Concord.Access;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>A sighting of the object, as the sightings table shows it.</summary>
public sealed record SightingRow(string Id, string Count, string FirstSeen, string LastSeen)
{
    public static SightingRow Of(string id, JsonElement root)
    {
        string Text(string name) => root.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? PropertyView.Time(v.GetString()) : v.GetRawText()) : "—";
        return new SightingRow(id, Text("count"), Text("first_seen"), Text("last_seen"));
    }
}

/// <summary>
/// Everything the object page shows besides the object, read one after the other: the page's services share one
/// request-scoped database context, which takes one operation at a time.
/// </summary>
public sealed record ObjectPageData(
    IReadOnlyList<StoredStixObject> Versions,
    ObjectLinks? Links,
    VersionDiff? Diff,
    IReadOnlyList<ValueCorrelation> Correlations,
    IReadOnlyList<SightingRow> Sightings)
{
    public static async Task<ObjectPageData> LoadAsync(
        Principal principal, StoredStixObject current, IIntelStore store, IIntelExplorer explorer, ICorrelation correlation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(explorer);
        ArgumentNullException.ThrowIfNull(correlation);
        var versions = (await store.CopyVersionsAsync(principal, current.Id, current.OwnerOrgId, cancellationToken)).Value ?? [];
        var links = (await explorer.LinksAsync(principal, current.Id, cancellationToken)).Value;
        var diff = current.Version is not null && versions.Count > 1
            ? (await explorer.DiffAsync(principal, current.Id, null, current.Version, current.OwnerOrgId, cancellationToken)).Value
            : null;
        // Correlation is for members (as GET /api/v1/objects/{id}/correlations): a stranger reading public records sees none.
        var correlated = principal.IsAuthenticated
            ? (await correlation.ForObjectAsync(principal, current.Id, CorrelationRequest.Default, cancellationToken)).Value
            : null;
        var correlations = correlated is null
            ? []
            : correlated.Values.Where(v => v.Problem is null && (v.Reporters.Count > 0 || v.Common || v.Excluded || v.Warninglists.Count > 0)).ToList();
        return new ObjectPageData(versions, links, diff, correlations, await SightingsAsync(principal, links, store, cancellationToken));
    }

    /// <summary>The visible STIX sightings whose <c>sighting_of_ref</c> is the object (each read through the store, so through visibility).</summary>
    private static async Task<IReadOnlyList<SightingRow>> SightingsAsync(Principal principal, ObjectLinks? links, IIntelStore store, CancellationToken cancellationToken)
    {
        var rows = new List<SightingRow>();
        foreach (var link in links?.Links.Where(l => l.Kind == "sighting_of_ref" && l.Other.Type == "sighting") ?? [])
        {
            if ((await store.GetAsync(principal, link.Other.Id, null, cancellationToken)).Value is { } sighting)
            {
                using var document = JsonDocument.Parse(sighting.Json);
                rows.Add(SightingRow.Of(sighting.Id, document.RootElement));
            }
        }

        return rows;
    }
}
