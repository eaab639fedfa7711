using System.Buffers;
using System.Text.Json;

namespace Concord.Stix;

/// <summary>The scanner's growable buffer, raw skipping of over-limit elements, and error positions.</summary>
internal sealed partial class BundleScanner : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;
    private const int MinReadBytes = 4096;

    private byte[] _buffer;
    private int _keep;
    private int _pos;
    private int _end;
    private bool _final;
    private long _offset;
    private long _linesBefore;
    private long _columnBefore;
    private long _rawDepth;
    private bool _rawInString;
    private bool _rawEscape;

    /// <summary>The current buffer size, for tests that check memory stays bounded.</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>Space to read into: drops bytes no longer needed and grows the buffer when what must stay fills it.</summary>
    public Memory<byte> FreeSpace()
    {
        if (_buffer.Length - _end < MinReadBytes)
        {
            Discard(_keep);
            if (_buffer.Length - _end < MinReadBytes)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _end).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records how many bytes the caller read into <see cref="FreeSpace"/>; zero marks the end of the stream.</summary>
    public void Advance(int count)
    {
        if (count == 0)
        {
            _final = true;
        }

        _end += count;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Discard(int count)
    {
        if (count == 0)
        {
            return;
        }

        // Keep line and column bookkeeping for the dropped bytes so error positions stay absolute.
        var dropped = _buffer.AsSpan(0, count);
        var lastNewline = dropped.LastIndexOf((byte)'\n');
        _linesBefore += dropped.Count((byte)'\n');
        _columnBefore = lastNewline < 0 ? _columnBefore + count : count - lastNewline - 1;
        _buffer.AsSpan(count, _end - count).CopyTo(_buffer);
        _offset += count;
        _end -= count;
        _pos -= count;
        _keep -= count;
        _elementStart -= count;
    }

    private (long Offset, long Line, long Column) Locate(int bufferPosition)
    {
        var before = _buffer.AsSpan(0, Math.Min(bufferPosition, _end));
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = _linesBefore + before.Count((byte)'\n') + 1;
        var column = (lastNewline < 0 ? _columnBefore + before.Length : before.Length - lastNewline - 1) + 1;
        return (_offset + before.Length, line, column);
    }

    private void StartRawSkip(int openBrackets)
    {
        _rawDepth = openBrackets;
        _rawInString = false;
        _rawEscape = false;
        _phase = Phase.RawSkip;
    }

    /// <summary>
    /// Skips the rest of an over-limit element by counting brackets outside strings, which needs no token to
    /// fit in the buffer: a 1 GB string inside a rejected element costs no memory. True once the element closed.
    /// </summary>
    private bool RawSkip()
    {
        var span = _buffer.AsSpan(0, _end);
        var i = _pos;
        while (_rawDepth > 0 && i < span.Length)
        {
            if (_rawInString)
            {
                if (_rawEscape)
                {
                    _rawEscape = false;
                    i++;
                    continue;
                }

                var next = span[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (next < 0)
                {
                    i = span.Length;
                    break;
                }

                i += next;
                if (span[i] == '\\')
                {
                    _rawEscape = true;
                }
                else
                {
                    _rawInString = false;
                }

                i++;
                continue;
            }

            var token = span[i..].IndexOfAny("\"{}[]"u8);
            if (token < 0)
            {
                i = span.Length;
                break;
            }

            i += token;
            switch (span[i])
            {
                case (byte)'"': _rawInString = true; break;
                case (byte)'{' or (byte)'[': _rawDepth++; break;
                default: _rawDepth--; break;
            }

            i++;
        }

        _pos = i;
        _keep = i;
        return _rawDepth == 0;
    }

    /// <summary>
    /// Puts a fresh reader into the state "inside the objects array, just after an element". A reader state cannot
    /// be built directly, so a tiny synthetic prefix with the same shape is read; positions are tracked here, not by it.
    /// </summary>
    private void Resync()
    {
        var reader = new Utf8JsonReader("{\"objects\":[\"\""u8, isFinalBlock: false, new JsonReaderState(_readerOptions));
        while (reader.Read())
        {
        }

        _state = reader.CurrentState;
        _phase = Phase.ObjectsItem;
    }
}
