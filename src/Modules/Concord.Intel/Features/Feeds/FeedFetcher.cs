using System.Net;
using System.Net.Http.Headers;
using Concord.Platform.Outbound;

namespace Concord.Intel.Features.Feeds;

/// <summary>One fetched file: its body (null: not modified since the validators sent), and the validators to send next time.</summary>
internal sealed record FetchedFile(Stream? Body, string? ETag, string? LastModified) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Body?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Reads a feed's files from its source: an http(s) URL through the shared outbound client (timeouts, retries, the SSRF
/// guard on every hop), or a folder on the node. Counts the requests (or file reads) it makes, so a run can say that a
/// pull with no change cost one. A missing file or an error status is a <see cref="FeedFetchException"/> naming it.
/// </summary>
internal sealed class FeedFetcher(IHttpClientFactory clients, string source)
{
    public int Requests { get; private set; }

    public static bool IsUrl(string source) =>
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The source itself (a text feed's URL or file).</summary>
    public Task<FetchedFile> GetAsync(string? etag, string? lastModified, CancellationToken cancellationToken) =>
        IsUrl(source) ? HttpAsync(new Uri(source), etag, lastModified, cancellationToken) : FileAsync(source);

    /// <summary>A file next to the source (a MISP feed's <c>manifest.json</c> or <c>&lt;uuid&gt;.json</c>).</summary>
    public Task<FetchedFile> GetRelativeAsync(string name, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        if (IsUrl(source))
        {
            var root = source.EndsWith('/') ? source : source + "/";
            return HttpAsync(new Uri(new Uri(root), name), etag, lastModified, cancellationToken);
        }

        return FileAsync(Path.Combine(source, name));
    }

    private async Task<FetchedFile> HttpAsync(Uri uri, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        Requests++;
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(OutboundPurpose.Feeds).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OutboundRefusedException ex)
        {
            throw new FeedFetchException($"{Name(uri)}: refused: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FeedFetchException($"{Name(uri)}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"{Name(uri)}: timed out.", ex);
        }

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            response.Dispose();
            return new FetchedFile(null, etag, lastModified);
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new FeedFetchException($"{Name(uri)}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new FetchedFile(
            new OwningStream(body, response),
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"));
    }

    private Task<FetchedFile> FileAsync(string path)
    {
        Requests++;
        try
        {
            return Task.FromResult(new FetchedFile(File.OpenRead(path), null, null));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FeedFetchException($"{Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    // Errors name the file, not the whole URL: a feed URL may carry a key in its query.
    private static string Name(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    /// <summary>A response body that disposes of its response with it.</summary>
    private sealed class OwningStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A feed file that could not be fetched; the message names the file and the reason.</summary>
internal sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);
