using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Recomputes the stored score inputs of the given indicator ids from scratch: the latest version of each (per owner)
/// and the sightings that cover it. THE LEAK RULE: a sighting counts only when every reader of the indicator may also
/// read it (<see cref="Visibility.Covers"/>) — the score is shown to all of them.
/// </summary>
internal static class ScoreCalculator
{
    public static async Task RecomputeAsync(IntelDbContext db, DecayModel model, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var indicators = await db.Objects.AsNoTracking()
            .Where(o => ids.Contains(o.StixId) && o.Latest && o.Type == "indicator")
            .ToListAsync(cancellationToken);
        var sightings = (await db.Sightings.AsNoTracking().Where(s => ids.Contains(s.TargetId) && !s.Revoked).ToListAsync(cancellationToken))
            .ToLookup(s => s.TargetId, StringComparer.Ordinal);
        var existing = await db.Scores.Where(s => ids.Contains(s.StixId)).ToDictionaryAsync(s => (s.StixId, s.OwnerOrgId), cancellationToken);

        foreach (var indicator in indicators)
        {
            var facts = ScoreInputs.Indicator(indicator.Json);
            var counted = sightings[indicator.StixId].Where(s => Visibility.Covers(indicator, s)).ToList();
            var falsePositives = counted.Count(s => s.Kind == SightingKind.FalsePositive);
            var refUs = counted.Where(s => s.Kind == SightingKind.Sighting).Select(s => s.SeenUs).Append(indicator.VersionUs).Max();
            var untilUs = counted.Where(s => s.Kind == SightingKind.Expiration).Select(s => s.SeenUs)
                .Append(facts.ValidUntilUs ?? long.MaxValue)
                .Append(indicator.Revoked || facts.Revoked ? indicator.VersionUs : long.MaxValue)
                .Min();

            if (!existing.Remove((indicator.StixId, indicator.OwnerOrgId), out var score))
            {
                score = new IndicatorScore { StixId = indicator.StixId, OwnerOrgId = indicator.OwnerOrgId };
                db.Scores.Add(score);
            }

            score.Base = model.Base(facts.Confidence, indicator.OwnerOrgId, falsePositives);
            score.RefUs = refUs;
            score.UntilUs = untilUs;
            score.FalsePositives = falsePositives;
            score.Sightings = counted.Where(s => s.Kind == SightingKind.Sighting).Sum(s => s.Count);
        }

        // Scores whose indicator is gone (deleted) go with it.
        db.Scores.RemoveRange(existing.Values);
    }
}
