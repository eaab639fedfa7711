using System.Text.Json;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Explore;

/// <summary>
/// Version diffs and links. Every object read starts from <see cref="Visibility"/>: the object itself through
/// <see cref="IIntelStore"/>, its neighbours through <see cref="Referrers"/> and <see cref="VisibleLatestAsync"/>,
/// so a hidden neighbour is simply absent — no stub, no count.
/// </summary>
internal sealed partial class ExplorerService(
    IntelDbContext db, IIntelStore store, Scoring.DecayModel model, IAccessDirectory directory, TimeProvider time) : IIntelExplorer
{
    /// <summary>How many referring objects one page view reads.</summary>
    public const int MaxReferrers = 200;

    public Task<Result<VersionDiff>> DiffAsync(Principal principal, string id, string? fromVersion, string? toVersion, CancellationToken cancellationToken) =>
        DiffAsync(principal, id, fromVersion, toVersion, null, cancellationToken);

    public async Task<Result<VersionDiff>> DiffAsync(Principal principal, string id, string? fromVersion, string? toVersion, Guid? owner, CancellationToken cancellationToken)
    {
        var versions = await store.CopyVersionsAsync(principal, id, owner, cancellationToken);
        if (!versions.IsSuccess)
        {
            return versions.Error!;
        }

        var list = versions.Value!;
        var to = toVersion is null ? list.Count - 1 : IndexOf(list, toVersion);
        if (to < 0)
        {
            return Error.Validation("to", "version-unknown", $"{id} has no visible version {toVersion}.");
        }

        var from = fromVersion is null ? to - 1 : IndexOf(list, fromVersion);
        if (fromVersion is not null && from < 0)
        {
            return Error.Validation("from", "version-unknown", $"{id} has no visible version {fromVersion}.");
        }

        var changes = from < 0
            ? VersionDiffer.Compare("{}"u8.ToArray(), list[to].Json)
            : VersionDiffer.Compare(list[from].Json, list[to].Json);
        return new VersionDiff(id, from < 0 ? null : list[from].Version, list[to].Version, changes);
    }

    public async Task<Result<ObjectLinks>> LinksAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var found = await store.GetAsync(principal, id, null, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        using var document = JsonDocument.Parse(found.Value!.Json);
        var self = Linked(found.Value.Type, document.RootElement, found.Value.Revoked);
        var outgoing = ObjectRefs.Of(document.RootElement);

        var referrers = await Referrers.Mentioning(db, principal, id).OrderBy(o => o.Seq).Take(MaxReferrers + 1).ToListAsync(cancellationToken);
        if (found.Value.Type == "identity")
        {
            referrers.AddRange(await Referrers.CreatedBy(db, principal, id).OrderBy(o => o.Seq).Take(MaxReferrers + 1).ToListAsync(cancellationToken));
        }

        var truncated = referrers.Count > MaxReferrers;
        var parsed = referrers.Take(MaxReferrers).DistinctBy(r => r.StixId).Select(r => (Row: r, Doc: JsonDocument.Parse(r.Json))).ToList();
        try
        {
            // Every id at the far end of a link, read once and only if visible.
            var ends = outgoing.Select(o => o.Id)
                .Concat(parsed.Where(p => p.Row.Type == "relationship").SelectMany(p => Ends(p.Doc.RootElement)))
                .Where(e => e != id).Distinct(StringComparer.Ordinal).ToList();
            var visible = await VisibleLatestAsync(principal, ends, cancellationToken);

            var links = new List<ObjectLink>();
            foreach (var (property, target) in outgoing)
            {
                if (visible.TryGetValue(target, out var other))
                {
                    links.Add(new ObjectLink(LinkDirection.Outgoing, property, other, null));
                }
            }

            foreach (var (row, doc) in parsed)
            {
                AddReferrer(links, id, row, doc.RootElement, visible);
            }

            return new ObjectLinks(self with { Id = id }, links.Distinct().ToList(), truncated);
        }
        finally
        {
            parsed.ForEach(p => p.Doc.Dispose());
        }
    }

    private static void AddReferrer(List<ObjectLink> links, string id, StoredObject row, JsonElement root, Dictionary<string, LinkedObject> visible)
    {
        var referrer = Linked(row.Type, root, row.Revoked) with { Id = row.StixId };
        if (row.Type == "relationship")
        {
            var kind = ObjectRefs.String(root, "relationship_type") ?? "related-to";
            var (source, target) = (ObjectRefs.String(root, "source_ref"), ObjectRefs.String(root, "target_ref"));
            if (source == id && target is not null && visible.TryGetValue(target, out var to))
            {
                links.Add(new ObjectLink(LinkDirection.Outgoing, kind, to, referrer));
            }

            if (target == id && source is not null && visible.TryGetValue(source, out var from))
            {
                links.Add(new ObjectLink(LinkDirection.Incoming, kind, from, referrer));
            }

            return;
        }

        if (row.CreatedByRef == id)
        {
            links.Add(new ObjectLink(LinkDirection.Incoming, "created_by_ref", referrer, null));
        }

        foreach (var property in ObjectRefs.Of(root).Where(r => r.Id == id).Select(r => r.Property).Distinct(StringComparer.Ordinal))
        {
            links.Add(new ObjectLink(LinkDirection.Incoming, property, referrer, null));
        }
    }

    private async Task<Dictionary<string, LinkedObject>> VisibleLatestAsync(Principal principal, List<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, LinkedObject>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Objects.AsNoTracking().Apply(principal).Where(o => o.Latest && chunk.Contains(o.StixId))
                .Select(o => new { o.StixId, o.Type, o.Name, o.Revoked, o.VersionUs }).ToListAsync(cancellationToken);
            foreach (var row in rows.OrderBy(r => r.VersionUs))
            {
                result[row.StixId] = new LinkedObject(row.StixId, row.Type, row.Name, row.Revoked);
            }
        }

        return result;
    }

    private static IEnumerable<string> Ends(JsonElement relationship) =>
        new[] { ObjectRefs.String(relationship, "source_ref"), ObjectRefs.String(relationship, "target_ref") }.OfType<string>();

    private static LinkedObject Linked(string type, JsonElement root, bool revoked) =>
        new(ObjectRefs.String(root, "id") ?? string.Empty, type, ObjectRefs.String(root, "name") ?? Abstract(root), revoked);

    /// <summary>Notes have no name; their abstract, else the start of their content, reads better than the bare id.</summary>
    private static string? Abstract(JsonElement root)
    {
        var text = ObjectRefs.String(root, "abstract") ?? ObjectRefs.String(root, "content");
        return text is null || text.Length <= 80 ? text : text[..79] + "…";
    }

    private static int IndexOf(IReadOnlyList<StoredStixObject> list, string version)
    {
        var wanted = Import.StixTime.ToMicros(version);
        for (var i = 0; i < list.Count; i++)
        {
            if (wanted is not null && Import.StixTime.ToMicros(list[i].Version) == wanted)
            {
                return i;
            }
        }

        return -1;
    }
}
