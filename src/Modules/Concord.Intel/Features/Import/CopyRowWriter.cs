using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format (a signature and header, then per row a field count and per field
/// a length, -1 for NULL, and the value in network byte order; a -1 trailer) into one pooled buffer, which goes to
/// the COPY stream in large writes. Npgsql's per-value importer resolves a converter and runs an async state machine
/// for every value, which cost more than the bytes themselves on ingest's hot path.
/// </summary>
internal sealed class CopyRowWriter : IDisposable
{
    /// <summary>The signature <c>PGCOPY\n\xff\r\n\0</c>, no flags, no header extension.</summary>
    private static ReadOnlySpan<byte> Header => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Buffered bytes go to the stream in writes of about this size.</summary>
    private const int FlushAt = 1 << 17;

    private readonly Stream _copy;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushAt + (1 << 16));
    private int _length;

    public CopyRowWriter(Stream copy)
    {
        _copy = copy;
        Header.CopyTo(_buffer);
        _length = Header.Length;
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields whose values take at most <paramref name="maxBytes"/> encoded.</summary>
    public async ValueTask StartRowAsync(short fields, int maxBytes, CancellationToken cancellationToken)
    {
        var needed = 2 + maxBytes;
        if (_length >= FlushAt || _length + needed > _buffer.Length)
        {
            await FlushAsync(cancellationToken);
            if (needed > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(needed);
            }
        }

        BinaryPrimitives.WriteInt16BigEndian(Span(2), fields);
    }

    /// <summary>The most a text value can take: its length prefix and UTF-8 bytes.</summary>
    public static int MaxBytes(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length));

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Span(4), -1);

    public void Int64(long value)
    {
        var span = Span(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Int64(long? value)
    {
        if (value is { } v)
        {
            Int64(v);
        }
        else
        {
            Null();
        }
    }

    public void Int32(int value)
    {
        var span = Span(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Boolean(bool value)
    {
        var span = Span(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A uuid in the RFC 4122 byte order PostgreSQL stores.</summary>
    public void Uuid(Guid value)
    {
        var span = Span(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    public void Uuid(Guid? value)
    {
        if (value is { } v)
        {
            Uuid(v);
        }
        else
        {
            Null();
        }
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        var span = Span(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    /// <summary>Writes the trailer and what is buffered; the caller then ends the COPY by disposing its stream.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_length + 2 > _buffer.Length)
        {
            await FlushAsync(cancellationToken);
        }

        BinaryPrimitives.WriteInt16BigEndian(Span(2), -1);
        await FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _copy.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    private Span<byte> Span(int length)
    {
        var span = _buffer.AsSpan(_length, length);
        _length += length;
        return span;
    }
}
