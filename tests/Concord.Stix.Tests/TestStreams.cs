using System.Text;

namespace Concord.Stix.Tests;

/// <summary>A stream that hands out 1–7 bytes per read, so every token boundary falls on a chunk boundary somewhere.</summary>
internal sealed class TrickleStream(byte[] data, int seed = 7) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, _random.Next(1, 8)), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class Bytes
{
    public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    public static List<StixBundleEntry> ReadAll(byte[] data, StixReaderOptions? options = null, bool trickle = false) =>
        StixBundleReader.Read(trickle ? new TrickleStream(data) : new MemoryStream(data), options).ToList();

    public static async Task<List<StixBundleEntry>> ReadAllAsync(Stream stream, StixReaderOptions? options = null)
    {
        var list = new List<StixBundleEntry>();
        await foreach (var entry in StixBundleReader.ReadAsync(stream, options, TestContext.Current.CancellationToken))
        {
            list.Add(entry);
        }

        return list;
    }
}
