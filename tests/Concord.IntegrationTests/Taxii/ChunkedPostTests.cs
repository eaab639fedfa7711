using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// A POST without Content-Length (chunked) is measured as it arrives: up to <c>max_content_length</c> it is added, past
/// it the answer is 413 as a TAXII error — never a 500, and never a connection cut before the answer.
/// </summary>
public class ChunkedPostTests
{
    private const long Max = 32L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Store, long, int, bool> Sizes()
    {
        var data = new TheoryData<Store, long, int, bool>();
        foreach (var store in new[] { Store.Sqlite, Store.Postgres })
        {
            data.Add(store, Max - 1, 202, true);
            data.Add(store, Max, 202, true);
            data.Add(store, Max + 1, 413, true);
            data.Add(store, 2 * Max, 413, true);
            data.Add(store, 2 * Max, 413, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ChunkedPost_AtOrPastMaxContentLength_IsAddedOrAnswers413(Store store, long bytes, int expected, bool chunked)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var json = Encoding.UTF8.GetBytes(new JsonObject { ["objects"] = new JsonArray(Indicator(tlp: Tlp.Green)) }.ToJsonString());
        using var content = new StreamContent(new PaddedEnvelope(json, bytes));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii21);
        content.Headers.ContentLength = chunked ? null : bytes;

        using var response = await client.PostAsync(All + "objects/", content, Ct);

        Assert.Equal(chunked, response.RequestMessage!.Headers.TransferEncodingChunked == true || content.Headers.ContentLength is null);
        if (expected == 413)
        {
            var error = await AssertErrorAsync(response, 413);
            Assert.Contains("max_content_length", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    /// <summary>An envelope of exactly <c>length</c> bytes (whitespace after the object list), of unknown length to the client, so it goes chunked.</summary>
    private sealed class PaddedEnvelope(byte[] json, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;

                // The object list without its closing brace, then spaces, then the brace as the very last byte.
                buffer[i] = at < json.Length - 1 ? json[at] : at == length - 1 ? (byte)'}' : (byte)' ';
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
