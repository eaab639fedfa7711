namespace Concord.Intel.Features.Import;

/// <summary>
/// Hands out the node-local sequence number (strictly increasing: the order of <c>date_added</c> and what cursors walk)
/// and <c>date_added</c>. Built from the store's high-water marks when a transaction starts, while the ingest lock is
/// held, so no two writers ever hold one.
/// </summary>
/// <remarks>
/// Every row of one transaction gets the same <c>date_added</c>: later than any before it (even when the clock goes
/// back), and never counting rows. Were it one microsecond per row, the gap between two rows a reader may see would
/// tell exactly how many rows it may not see were stored between them. Ties are ordered by the sequence, which only
/// opaque cursors carry; TAXII pages end between transactions where they can (see the Taxii module's PageReader).
/// </remarks>
internal sealed class NodeSequence(long lastSeq, long lastDateAddedUs, long nowUs)
{
    private readonly long _dateUs = Math.Max(lastDateAddedUs + 1, nowUs);
    private long _seq = lastSeq;

    public (long Seq, long DateAddedUs) Next() => (++_seq, _dateUs);
}
