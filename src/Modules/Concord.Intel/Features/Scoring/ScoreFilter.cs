using Concord.Intel.Data;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// "Score at least <c>min</c> now" as a query the database runs, so a filter over millions of indicators never loads
/// them: score ≥ min ⇔ base ≥ min ∧ age ≤ τ·(1 − min/base)^δ (the decay formula solved for the age). A positive
/// minimum also implies an age below τ and a time before <c>until</c>, plain comparisons the database checks first.
/// PostgreSQL runs <c>power</c>, SQLite its built-in math function <c>pow</c>. Only indicators have a score.
/// </summary>
internal static class ScoreFilter
{
    public static IQueryable<StoredObject> ScoreAtLeast(this IQueryable<StoredObject> rows, IQueryable<IndicatorScore> scores, DecayModel model, double min, long nowUs)
    {
        rows = rows.Where(o => o.Type == "indicator");
        if (min <= 0)
        {
            return rows.Where(o => scores.Any(s => s.StixId == o.StixId && s.OwnerOrgId == o.OwnerOrgId));
        }

        var lifetime = (double)model.LifetimeUs;
        var delta = model.DecaySpeed;
        var oldest = nowUs - model.LifetimeUs;
        return rows.Where(o => scores.Any(s => s.StixId == o.StixId && s.OwnerOrgId == o.OwnerOrgId
            && s.UntilUs > nowUs
            && s.RefUs > oldest
            && s.Base >= min
            && nowUs - s.RefUs <= lifetime * Math.Pow(Math.Max(1 - (min / (s.Base + 1e-9)), 0), delta)));
    }
}
