using Concord.Observables;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// One read of the index on behalf of one looked-up value: the keys from <see cref="Low"/> to <see cref="High"/>
/// (equal for an exact key). <see cref="Stored"/> is the observable those keys stand for when it is known in advance
/// (exact values, parent domains, containing networks); for a range it is read back from each key.
/// </summary>
internal sealed record Probe(int Value, byte[] Low, byte[] High, CorrelationMatch Match, Observable? Stored);

/// <summary>Where one probe's next page of the index starts (after this key and seq).</summary>
internal sealed record ProbeCursor(Probe Probe, byte[] AfterKey, long AfterSeq);

/// <summary>One index entry a probe found.</summary>
internal readonly record struct IndexHit(int Probe, byte[] Key, long Seq);
