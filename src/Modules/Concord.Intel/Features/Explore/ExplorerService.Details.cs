using System.Text.Json;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Objects;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Explore;

/// <summary>What the object page shows besides links and diffs: names for references, the score's parts, recipients.</summary>
internal sealed partial class ExplorerService
{
    private const int Chunk = 500;

    public async Task<IReadOnlyDictionary<string, ReferencedObject>> ReferencedAsync(
        Principal principal, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = await PrimaryLatestAsync(principal, ids.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var documents = rows.ToDictionary(r => r.Key, r => JsonDocument.Parse(r.Value.Json), StringComparer.Ordinal);
        try
        {
            // A relationship or sighting is named after its ends: those are read (through visibility) one level deep.
            var ends = documents.Values.SelectMany(d => NamedEnds(d.RootElement)).Where(e => !documents.ContainsKey(e)).Distinct(StringComparer.Ordinal).ToList();
            var endNames = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (endId, end) in await PrimaryLatestAsync(principal, ends, cancellationToken))
            {
                using var endDocument = JsonDocument.Parse(end.Json);
                endNames[endId] = ObjectNames.Own(endDocument.RootElement);
            }

            string? NameOf(string id) =>
                documents.TryGetValue(id, out var d) ? ObjectNames.Own(d.RootElement) : endNames.GetValueOrDefault(id);

            return rows.ToDictionary(
                r => r.Key,
                r => new ReferencedObject(r.Key, r.Value.Type, ObjectNames.Title(documents[r.Key].RootElement, r.Key, NameOf), r.Value.Revoked, Values(r.Value)),
                StringComparer.Ordinal);
        }
        finally
        {
            foreach (var document in documents.Values)
            {
                document.Dispose();
            }
        }
    }

    public async Task<Result<ScoreExplanation>> ScoreAsync(Principal principal, string id, Guid owner, CancellationToken cancellationToken)
    {
        // The score is computed from the copy's latest version: explained only to a reader of that version.
        var latest = await db.Objects.AsNoTracking().Apply(principal)
            .Where(o => o.StixId == id && o.OwnerOrgId == owner && o.Latest && o.Type == "indicator")
            .FirstOrDefaultAsync(cancellationToken);
        var score = latest is null ? null : await db.Scores.AsNoTracking().FirstOrDefaultAsync(s => s.StixId == id && s.OwnerOrgId == owner, cancellationToken);
        if (latest is null || score is null)
        {
            return Error.NotFound("The score");
        }

        return Scoring.ScoreParts.Explain(model, latest, score, time.GetUtcNow());
    }

    public async Task<Result<ObjectRecipients?>> RecipientsAsync(Principal principal, string id, string? version, Guid owner, CancellationToken cancellationToken)
    {
        var found = await store.GetCopyAsync(principal, id, version, owner, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var shown = found.Value!;
        var own = principal.OrganisationId == shown.OwnerOrgId;

        // Only the owner and the audience's own members learn who else is in it: another reader (possible where an
        // audience is not the only way in) learns nothing beyond what it already may know. An anonymous sighting's
        // audience holds its reporter, so only the reporter sees it.
        if (shown.AudienceId is not { } audience || shown.Scope is not (Scope.Recipients or Scope.SharingGroup)
            || !Visibility.MayRead(principal, shown)
            || (!own && (!principal.AudienceIds.Contains(audience) || shown.AnonymousReporter)))
        {
            return (ObjectRecipients?)null;
        }

        var info = await directory.FindAudienceAsync(audience, cancellationToken);
        return info is null
            ? (ObjectRecipients?)null
            : new ObjectRecipients(shown.Scope, info.IsSharingGroup ? info.Name : null, info.Members.Where(m => m != shown.OwnerOrgId).ToList());
    }

    /// <summary>For each id the principal may see: its primary copy's newest visible version (see <see cref="Copies"/>).</summary>
    private async Task<Dictionary<string, StoredObject>> PrimaryLatestAsync(Principal principal, List<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var list = chunk.ToList();
            var rows = await db.Objects.AsNoTracking().Apply(principal).Where(o => EF.Parameter(list).Contains(o.StixId)).ToListAsync(cancellationToken);
            foreach (var ofId in rows.GroupBy(r => r.StixId, StringComparer.Ordinal))
            {
                var primary = Copies.PrimaryOwner([.. ofId]);
                result[ofId.Key] = ofId.Where(r => r.OwnerOrgId == primary).MaxBy(r => r.VersionUs)!;
            }

        }

        return result;
    }

    private static IEnumerable<string> NamedEnds(JsonElement root) =>
        new[] { ObjectRefs.String(root, "source_ref"), ObjectRefs.String(root, "target_ref"), ObjectRefs.String(root, "sighting_of_ref") }.OfType<string>();

    private static IReadOnlyList<Observable> Values(StoredObject row)
    {
        if (!StixParser.TryParse(row.Json, out var stix, out _))
        {
            return [];
        }

        using (stix)
        {
            return [.. ObservableExtractor.Extract(stix).Observables.Select(o => o.Observable)];
        }
    }
}
