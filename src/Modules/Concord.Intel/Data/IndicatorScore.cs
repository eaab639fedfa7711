namespace Concord.Intel.Data;

/// <summary>
/// What an indicator's score is computed from, per indicator id and owner: the decay model's base, the time its age
/// counts from and the time it drops to zero. Only inputs every reader of the indicator may read go in
/// (see <see cref="Concord.Access.Visibility.Covers"/>), so the score can be shown to all of them.
/// </summary>
internal sealed class IndicatorScore
{
    public required string StixId { get; set; }

    public Guid OwnerOrgId { get; set; }

    /// <summary>0–100: confidence × source reliability × the false-positive penalty per counted report.</summary>
    public double Base { get; set; }

    /// <summary>Age counts from here: the indicator's version time or its latest counted sighting.</summary>
    public long RefUs { get; set; }

    /// <summary>The score is zero from here on: <c>valid_until</c>, a counted expiration, revocation; else <see cref="long.MaxValue"/>.</summary>
    public long UntilUs { get; set; }

    public int FalsePositives { get; set; }

    /// <summary>The sum of the counted sightings' <c>count</c>.</summary>
    public long Sightings { get; set; }
}
