using Concord.Access;
using Concord.Observables;

namespace Concord.Intel;

/// <summary>
/// A referenced object the reader may see, as a page names it: <see cref="Title"/> is its name, else what identifies it
/// best for its type (an observable's value, a marking's statement, "A uses B" for a relationship whose ends are named
/// the same way), else its id. <see cref="Values"/>: the observables it holds (an indicator's pattern comparisons, an
/// SCO's value), canonical.
/// </summary>
public sealed record ReferencedObject(string Id, string Type, string Title, bool Revoked, IReadOnlyList<Observable> Values);

/// <summary>What ended, or will end, an indicator's score.</summary>
public enum ScoreEnd
{
    /// <summary>Its age reaches the model's lifetime.</summary>
    Decay,

    /// <summary>Its <c>valid_until</c>.</summary>
    ValidUntil,

    /// <summary>A counted expiration report.</summary>
    Expiration,

    /// <summary>It was revoked.</summary>
    Revoked,
}

/// <summary>
/// Why an indicator copy scores what it does now: score = base × (1 − (age / lifetime)^(1 / decay speed)), base =
/// confidence × the source organisation's reliability × penalty^false positives. Sightings and false positives are those
/// that move the shared score (every reader of the indicator may read them), so any reader of the indicator may see them.
/// </summary>
/// <param name="Score">The score now (one decimal).</param>
/// <param name="Base">Confidence × reliability × the false-positive penalty, 0–100.</param>
/// <param name="Confidence">The indicator's <c>confidence</c>, or the node's default when <paramref name="DefaultConfidence"/>.</param>
/// <param name="DefaultConfidence">The indicator states no confidence.</param>
/// <param name="Reliability">The source organisation's reliability, 0–1.</param>
/// <param name="FalsePositives">Counted false-positive reports.</param>
/// <param name="FalsePositivePenalty">The factor each one multiplies the base by.</param>
/// <param name="Sightings">The sum of the counted sightings' <c>count</c>.</param>
/// <param name="AgeFrom">Where the age counts from: the version's time, or the latest counted sighting.</param>
/// <param name="RefreshedBySighting">A sighting, not the version, set <paramref name="AgeFrom"/>.</param>
/// <param name="EndsAt">When the score is (or will be) zero.</param>
/// <param name="End">Why it ends then.</param>
/// <param name="Lifetime">The model's lifetime τ.</param>
/// <param name="DecaySpeed">The model's decay speed δ.</param>
/// <param name="Now">The time the score is computed for.</param>
public sealed record ScoreExplanation(
    double Score,
    double Base,
    int Confidence,
    bool DefaultConfidence,
    double Reliability,
    int FalsePositives,
    double FalsePositivePenalty,
    long Sightings,
    DateTimeOffset AgeFrom,
    bool RefreshedBySighting,
    DateTimeOffset EndsAt,
    ScoreEnd End,
    TimeSpan Lifetime,
    double DecaySpeed,
    DateTimeOffset Now);

/// <summary>Who a TLP:RED or AMBER object was shared with: a sharing group (named) or named recipient organisations, owner aside.</summary>
public sealed record ObjectRecipients(Scope Scope, string? SharingGroupName, IReadOnlyList<Guid> Organisations);
