using Concord.Intel;

namespace Concord.Federation.Features.Push;

/// <summary>
/// One TAXII envelope (<c>{"objects":[…]}</c>) of the records of a page, in order, as long as it stays within
/// <c>max_content_length</c>: the stored bytes of each object, as the TAXII server serves them. A record too large to
/// fit any envelope is set aside, to be reported as failed. <see cref="LastSequence"/> is the last record accounted for
/// (sent or set aside): the cursor once the destination answered.
/// </summary>
internal sealed class PushEnvelope
{
    private PushEnvelope(ReadOnlyMemory<byte> bytes, int count, int sent, long lastSequence, List<(TaxiiRecord, string)> tooLarge)
    {
        Bytes = bytes;
        Count = count;
        Sent = sent;
        LastSequence = lastSequence;
        TooLarge = tooLarge;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Objects in the envelope.</summary>
    public int Count { get; }

    /// <summary>Records of the page accounted for (in the envelope or set aside).</summary>
    public int Sent { get; }

    public long LastSequence { get; }

    public IReadOnlyList<(TaxiiRecord Record, string Reason)> TooLarge { get; }

    public static PushEnvelope Build(IReadOnlyList<TaxiiRecord> records, long maxBytes)
    {
        const int Frame = 16;
        var buffer = new MemoryStream();
        var tooLarge = new List<(TaxiiRecord, string)>();
        var (count, taken) = (0, 0);
        foreach (var record in records)
        {
            if (record.Json.Length + Frame > maxBytes)
            {
                tooLarge.Add((record, $"{record.Json.Length} bytes: larger than the destination takes in one request ({maxBytes} bytes)."));
                taken++;
                continue;
            }

            if (count > 0 && buffer.Length + record.Json.Length + Frame > maxBytes)
            {
                break;
            }

            buffer.Write(count == 0 ? "{\"objects\":["u8 : ","u8);
            buffer.Write(record.Json.Span);
            count++;
            taken++;
        }

        if (count > 0)
        {
            buffer.Write("]}"u8);
        }

        return new PushEnvelope(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), count, taken, records[taken - 1].Sequence, tooLarge);
    }
}
