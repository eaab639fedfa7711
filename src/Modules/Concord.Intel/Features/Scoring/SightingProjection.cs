using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Scoring;

/// <summary>Keeps <c>intel_sightings</c> in step with the stored sighting objects: the newest version of each, none of the deleted.</summary>
[InternalProjection("projects stored sighting objects into the sightings table on write; returns nothing to a reader")]
internal static class SightingProjection
{
    public static async Task ApplyAsync(IntelDbContext db, IReadOnlyList<StoredObject> rows, IReadOnlyList<Tombstone> deleted, ISet<string> affected, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.Type == "sighting").Select(r => r.StixId).Concat(deleted.Select(t => t.StixId)).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var known = await db.Sightings.Where(s => EF.Parameter(ids).Contains(s.StixId)).ToDictionaryAsync(s => (s.StixId, s.OwnerOrgId), cancellationToken);
        foreach (var row in rows.Where(r => r.Type == "sighting"))
        {
            if (ScoreInputs.Sighting(row) is not { } projected)
            {
                continue;
            }

            if (known.TryGetValue((row.StixId, row.OwnerOrgId), out var current))
            {
                if (current.VersionUs > projected.VersionUs)
                {
                    continue;
                }

                affected.Add(current.TargetId);
                db.Entry(current).CurrentValues.SetValues(projected);
            }
            else
            {
                db.Sightings.Add(projected);
                known[(row.StixId, row.OwnerOrgId)] = projected;
            }

            affected.Add(projected.TargetId);
        }

        foreach (var tombstone in deleted)
        {
            var key = (tombstone.StixId, tombstone.OwnerOrgId);
            if (!known.TryGetValue(key, out var gone) || gone.Seq >= tombstone.Seq)
            {
                continue;
            }

            // Deleting an older version leaves the projection as it is; deleting the projected one falls back to the
            // owner's newest remaining version, if any.
            if (!tombstone.ObjectDeleted && tombstone.VersionUs != gone.VersionUs)
            {
                continue;
            }

            affected.Add(gone.TargetId);
            var remaining = tombstone.ObjectDeleted ? null : await db.Objects.AsNoTracking()
                .Where(o => o.StixId == tombstone.StixId && o.OwnerOrgId == tombstone.OwnerOrgId && o.Latest)
                .FirstOrDefaultAsync(cancellationToken);
            if (remaining is not null && ScoreInputs.Sighting(remaining) is { } fallback)
            {
                affected.Add(fallback.TargetId);
                db.Entry(gone).CurrentValues.SetValues(fallback);
            }
            else
            {
                known.Remove(key);
                db.Sightings.Remove(gone);
            }
        }
    }
}
