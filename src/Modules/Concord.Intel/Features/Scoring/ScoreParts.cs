using Concord.Intel.Data;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// An indicator copy's stored score inputs taken apart for a reader: the same figures <see cref="DecayModel"/> scores
/// with, so the explanation and the score shown beside it cannot disagree.
/// </summary>
internal static class ScoreParts
{
    public static ScoreExplanation Explain(DecayModel model, StoredObject latest, IndicatorScore score, DateTimeOffset now)
    {
        var facts = ScoreInputs.Indicator(latest.Json);
        var nowUs = StixTime.ToMicros(now);
        var decayEndUs = score.RefUs + model.LifetimeUs;
        var (endUs, end) = score.UntilUs >= decayEndUs ? (decayEndUs, ScoreEnd.Decay)
            : (latest.Revoked || facts.Revoked) && score.UntilUs == latest.VersionUs ? (score.UntilUs, ScoreEnd.Revoked)
            : facts.ValidUntilUs == score.UntilUs ? (score.UntilUs, ScoreEnd.ValidUntil)
            : (score.UntilUs, ScoreEnd.Expiration);
        return new ScoreExplanation(
            DecayModel.Shown(model.Score(score.Base, score.RefUs, score.UntilUs, nowUs)),
            score.Base,
            Math.Clamp(facts.Confidence ?? model.DefaultConfidence, 0, 100),
            facts.Confidence is null,
            model.Reliability(latest.OwnerOrgId),
            score.FalsePositives,
            model.FalsePositivePenalty,
            score.Sightings,
            StixTime.FromMicros(score.RefUs),
            score.RefUs > latest.VersionUs,
            StixTime.FromMicros(endUs),
            end,
            model.Lifetime,
            model.DecaySpeed,
            now);
    }
}
