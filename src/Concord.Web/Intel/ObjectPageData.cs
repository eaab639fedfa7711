using System.Text.Json;
using Concord.Access;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>A sighting of the object, as the sightings table shows it. <see cref="Reporter"/>: null for an anonymous one, unless it is the reader's own.</summary>
public sealed record SightingRow(string Id, Guid? Reporter, string Count, string FirstSeen, string LastSeen)
{
    public static SightingRow Of(string id, Guid? reporter, JsonElement root)
    {
        string Text(string name) => root.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? PropertyView.Time(v.GetString()) : v.GetRawText()) : "—";
        return new SightingRow(id, reporter, Text("count"), Text("first_seen"), Text("last_seen"));
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
    /// <summary>The objects this one references that the reader may see, named (others are absent: shown as raw ids).</summary>
    public IReadOnlyDictionary<string, ReferencedObject> Names { get; init; } = new Dictionary<string, ReferencedObject>();

    /// <summary>An indicator's score and why; null for other objects, or before the score is computed.</summary>
    public ScoreExplanation? Score { get; init; }

    /// <summary>Who a RED or AMBER object was shared with, when this reader may be told.</summary>
    public ObjectRecipients? Recipients { get; init; }

    /// <summary>The listed objects (a report's <c>object_refs</c>) that hold observable values, in list order.</summary>
    public IReadOnlyList<ReferencedObject> Contents { get; init; } = [];

    public static async Task<ObjectPageData> LoadAsync(
        Principal principal, StoredStixObject current, JsonElement root, IIntelStore store, IIntelExplorer explorer, ICorrelation correlation, CancellationToken cancellationToken)
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
        // Named: what the object refers to, and the unnamed objects at the far end of its links (relationships, sightings).
        var unnamed = links?.Links.Select(l => l.Other).Where(o => o.Name is null).Select(o => o.Id) ?? [];
        var names = await explorer.ReferencedAsync(principal, [.. ReferenceIds(root).Concat(unnamed).Distinct(StringComparer.Ordinal)], cancellationToken);
        links = links is null ? null : links with { Links = [.. links.Links.Select(l => l with { Other = Named(l.Other, names) })] };
        var listed = Listed(root);
        var contents = listed.Where(names.ContainsKey).Select(id => names[id]).Where(o => o.Values.Count > 0).DistinctBy(o => o.Id).ToList();

        // Correlation is for members (as GET /api/v1/objects/{id}/correlations): a stranger reading public records sees none.
        IReadOnlyList<ValueCorrelation> correlations = !principal.IsAuthenticated ? []
            : contents.Count > 0
            ? await ContentCorrelationsAsync(principal, contents, listed.ToHashSet(StringComparer.Ordinal), correlation, cancellationToken)
            : Shown((await correlation.ForObjectAsync(principal, current.Id, CorrelationRequest.Default, cancellationToken)).Value?.Values ?? []);
        var score = current.Type == "indicator" ? (await explorer.ScoreAsync(principal, current.Id, current.OwnerOrgId, cancellationToken)).Value : null;
        var recipients = (await explorer.RecipientsAsync(principal, current.Id, current.Version, current.OwnerOrgId, cancellationToken)).Value;
        return new ObjectPageData(versions, links, diff, correlations, await SightingsAsync(principal, links, store, cancellationToken))
        {
            Names = names,
            Score = score,
            Recipients = recipients,
            Contents = contents,
        };
    }

    private static LinkedObject Named(LinkedObject other, IReadOnlyDictionary<string, ReferencedObject> names) =>
        other.Name is null && names.TryGetValue(other.Id, out var named) ? other with { Name = named.Title } : other;

    /// <summary>Every id the object's top-level <c>*_ref</c> and <c>*_refs</c> properties name (markings included).</summary>
    public static IReadOnlyList<string> ReferenceIds(JsonElement root) =>
        root.ValueKind != JsonValueKind.Object
            ? []
            : [.. root.EnumerateObject().SelectMany(p =>
                p.Name.EndsWith("_ref", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!]
                : p.Name.EndsWith("_refs", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                    : []).Distinct(StringComparer.Ordinal)];

    /// <summary>What a report, grouping, note or opinion lists (<c>object_refs</c>).</summary>
    private static List<string> Listed(JsonElement root) =>
        root.TryGetProperty("object_refs", out var refs) && refs.ValueKind == JsonValueKind.Array
            ? [.. refs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    /// <summary>
    /// "Also reported by" for a report: its listed objects' values looked up at once, each answer without the report's
    /// own objects (they are the report). The lookup is filtered by visibility like any other.
    /// </summary>
    private static async Task<IReadOnlyList<ValueCorrelation>> ContentCorrelationsAsync(
        Principal principal, IReadOnlyList<ReferencedObject> contents, HashSet<string> listed, ICorrelation correlation, CancellationToken cancellationToken)
    {
        var values = contents.SelectMany(c => c.Values).Distinct().Take(ICorrelation.MaxLookupValues).Select(v => v.ToString()).ToList();
        var result = (await correlation.LookupAsync(principal, values, CorrelationRequest.Default, cancellationToken)).Value;
        return Shown(result?.Values.Select(v => v with
        {
            Reporters = [.. v.Reporters.Select(r => Without(r, listed)).OfType<CorrelationReporter>()],
        }) ?? []);
    }

    private static CorrelationReporter? Without(CorrelationReporter reporter, HashSet<string> listed)
    {
        var others = reporter.Objects.Where(o => !listed.Contains(o.Id)).ToList();
        return others.Count == 0 ? null : reporter with { Objects = others, FirstSeen = others.Min(o => o.FirstSeen), LastSeen = others.Max(o => o.LastSeen) };
    }

    private static List<ValueCorrelation> Shown(IEnumerable<ValueCorrelation> values) =>
        [.. values.Where(v => v.Problem is null && (v.Reporters.Count > 0 || v.Common || v.Excluded || v.Warninglists.Count > 0))];

    /// <summary>The visible STIX sightings whose <c>sighting_of_ref</c> is the object (each read through the store, so through visibility).</summary>
    private static async Task<IReadOnlyList<SightingRow>> SightingsAsync(Principal principal, ObjectLinks? links, IIntelStore store, CancellationToken cancellationToken)
    {
        var rows = new List<SightingRow>();
        foreach (var link in links?.Links.Where(l => l.Kind == "sighting_of_ref" && l.Other.Type == "sighting") ?? [])
        {
            if ((await store.GetAsync(principal, link.Other.Id, null, cancellationToken)).Value is { } sighting)
            {
                using var document = JsonDocument.Parse(sighting.Json);
                rows.Add(SightingRow.Of(sighting.Id, sighting.ReporterFor(principal), document.RootElement));
            }
        }

        return rows;
    }
}
