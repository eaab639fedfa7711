namespace Concord.Intel.Data;

/// <summary>
/// One observable of one stored object version: its compact key (<see cref="Features.Correlation.ObservableKey"/>)
/// and the version's <see cref="StoredObject.Seq"/>. The key and sequence are the whole row: the value's text
/// lives once, in the object's JSON. Every version is indexed; correlation answers with latest, unrevoked ones.
/// </summary>
internal sealed class IndexedObservable
{
    public required byte[] Key { get; set; }

    public long Seq { get; set; }
}

/// <summary>
/// A prefix length some stored IP network has, per address space (4 or 6). An address lookup probes only these
/// lengths for containing networks, so it costs one index probe per length present, not one per possible length.
/// </summary>
internal sealed class IndexedPrefix
{
    public short Space { get; set; }

    public short Prefix { get; set; }
}

/// <summary>A correlation exclusion set by a node administrator (see <see cref="Observables.Exclusions.CorrelationExclusion"/>).</summary>
internal sealed class ExclusionRow
{
    public Guid Id { get; set; }

    public Observables.Exclusions.ExclusionKind Kind { get; set; }

    public required string Value { get; set; }

    public string? Comment { get; set; }

    public long CreatedUs { get; set; }

    public string? CreatedBy { get; set; }
}
