namespace Concord.Intel.Features.Import;

/// <summary>
/// Hands out the node-local <c>date_added</c>: a strictly increasing sequence number (the cursor) and a
/// microsecond timestamp that never goes backwards, even when the clock does. Built from the store's high-water
/// marks while the ingest gate is held, so no two writers ever hold one.
/// </summary>
internal sealed class NodeSequence(long lastSeq, long lastDateAddedUs, long nowUs)
{
    private long _seq = lastSeq;
    private long _dateUs = Math.Max(lastDateAddedUs, nowUs - 1);

    public (long Seq, long DateAddedUs) Next() => (++_seq, ++_dateUs);
}
