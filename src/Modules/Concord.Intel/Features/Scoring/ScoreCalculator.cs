using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Recomputes stored score inputs from scratch: per indicator id and owner, from the latest version and the sightings
/// that may move it (<see cref="SightingReach"/>): every reader of the indicator may also read the sighting (the
/// score is shown to all of them), and the sighting's reporter may read the indicator copy.
/// </summary>
/// <remarks>
/// A bulk import hands the follower its indicators' latest versions in the rows it has already read, so those are
/// scored as they are: reading them again by id cost more than the scoring. What else moves a score (a sighting, a
/// deletion) names an id whose latest versions, under every owner, are looked up. Scores are written in one
/// statement per batch (<see cref="ScoreWriter"/>), not tracked and saved entity by entity.
/// </remarks>
[InternalProjection("computes indicator scores from sightings every reader of the indicator may read (Visibility.Covers); a score is shown only on a visible indicator")]
internal static class ScoreCalculator
{
    /// <summary>
    /// Scores the <paramref name="latest"/> rows (each its owner's latest version of an indicator) and every owner's
    /// latest version of the indicators named by <paramref name="ids"/>; drops the scores of those ids' indicators that
    /// are gone.
    /// </summary>
    public static async Task RecomputeAsync(
        IntelDbContext db, DecayModel model, SightingReach reach, IReadOnlyCollection<StoredObject> latest, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var indicators = new Dictionary<(string StixId, Guid Owner), StoredObject>();
        foreach (var row in latest)
        {
            indicators[(row.StixId, row.OwnerOrgId)] = row;
        }

        // Each id list goes as one parameter (EF.Parameter): EF Core 10 otherwise binds one SQL parameter per element, and
        // SQLite then compiled a statement of thousands of parameters per batch (most of a bulk catch-up's time there).
        var named = ids.ToList();
        if (named.Count > 0)
        {
            var found = await db.Objects.AsNoTracking()
                .Where(o => EF.Parameter(named).Contains(o.StixId) && o.Latest && o.Type == "indicator")
                .Select(ScoreInputs.Row)
                .ToListAsync(cancellationToken);
            foreach (var row in found)
            {
                indicators[(row.StixId, row.OwnerOrgId)] = row;
            }
        }

        var targets = indicators.Keys.Select(k => k.StixId).Distinct(StringComparer.Ordinal).ToList();
        var sightings = targets.Count == 0
            ? Enumerable.Empty<SightingRecord>().ToLookup(s => s.TargetId, StringComparer.Ordinal)
            : (await db.Sightings.AsNoTracking().Where(s => EF.Parameter(targets).Contains(s.TargetId) && !s.Revoked).ToListAsync(cancellationToken))
                .ToLookup(s => s.TargetId, StringComparer.Ordinal);

        var counts = await reach.ForAsync(sightings.SelectMany(g => g).Select(s => s.OwnerOrgId), cancellationToken);
        var scores = indicators.Values.Select(indicator => Score(model, indicator, sightings[indicator.StixId], counts)).ToList();
        await ScoreWriter.UpsertAsync(db, scores, cancellationToken);

        // Scores whose indicator is gone (deleted) go with it. Only a looked-up id can have lost one: a row still
        // flagged latest has not been deleted.
        if (named.Count > 0)
        {
            var objects = db.Objects;
            await db.Scores
                .Where(s => EF.Parameter(named).Contains(s.StixId)
                    && !objects.Any(o => o.StixId == s.StixId && o.OwnerOrgId == s.OwnerOrgId && o.Latest && o.Type == "indicator"))
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>The score inputs of one indicator version from the sightings of its id (any distribution: <paramref name="counts"/> applies the rules).</summary>
    public static IndicatorScore Score(DecayModel model, StoredObject indicator, IEnumerable<SightingRecord> sightings, Func<IShareable, SightingRecord, bool> counts)
    {
        var facts = ScoreInputs.Indicator(indicator.Json);
        var counted = sightings.Where(s => counts(indicator, s)).ToList();
        var falsePositives = counted.Count(s => s.Kind == SightingKind.FalsePositive);
        var refUs = counted.Where(s => s.Kind == SightingKind.Sighting).Select(s => s.SeenUs).Append(indicator.VersionUs).Max();
        var untilUs = counted.Where(s => s.Kind == SightingKind.Expiration).Select(s => s.SeenUs)
            .Append(facts.ValidUntilUs ?? long.MaxValue)
            .Append(indicator.Revoked || facts.Revoked ? indicator.VersionUs : long.MaxValue)
            .Min();
        return new IndicatorScore
        {
            StixId = indicator.StixId,
            OwnerOrgId = indicator.OwnerOrgId,
            Base = model.Base(facts.Confidence, indicator.OwnerOrgId, falsePositives),
            RefUs = refUs,
            UntilUs = untilUs,
            FalsePositives = falsePositives,
            Sightings = counted.Where(s => s.Kind == SightingKind.Sighting).Sum(s => s.Count),
        };
    }
}
