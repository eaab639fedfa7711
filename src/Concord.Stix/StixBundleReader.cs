using System.Runtime.CompilerServices;

namespace Concord.Stix;

/// <summary>
/// Streams the <c>objects</c> of a STIX bundle (<c>{"type":"bundle","id":…,"objects":[…]}</c>, keys in any order)
/// or of a TAXII envelope (<c>{"objects":[…],"more":…,"next":…}</c>) one element at a time.
/// </summary>
/// <remarks>
/// Memory is bounded by <see cref="StixReaderOptions.MaxObjectBytes"/> plus the read buffer, whatever the size of
/// the stream. An element that breaks a limit (too deep, too large, a string too long, invalid UTF-8, not an
/// object) yields an error entry for its index and reading continues. Malformed JSON outside that yields one
/// error entry naming the line, column and byte offset, and ends the enumeration. Nothing here throws for bad
/// input; only I/O failures and cancellation surface as exceptions. The stream is read forward once, so enumerate
/// the result once; each entry owns its bytes and stays valid after the enumeration moves on.
/// </remarks>
public static class StixBundleReader
{
    /// <summary>Reads the elements of a bundle or envelope from <paramref name="stream"/> asynchronously.</summary>
    /// <param name="stream">The JSON input; read to its end but not disposed.</param>
    /// <param name="options">Limits; <see cref="StixReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read between chunks.</param>
    public static async IAsyncEnumerable<StixBundleEntry> ReadAsync(
        Stream stream,
        StixReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var scanner = new BundleScanner(options ?? StixReaderOptions.Default);
        while (true)
        {
            switch (scanner.Next(out var entry))
            {
                case BundleScanner.Step.Entry:
                    yield return entry!;
                    break;
                case BundleScanner.Step.NeedData:
                    var read = await stream.ReadAsync(scanner.FreeSpace(), cancellationToken).ConfigureAwait(false);
                    scanner.Advance(read);
                    break;
                case BundleScanner.Step.End:
                    yield break;
            }
        }
    }

    /// <summary>Reads the elements of a bundle or envelope from <paramref name="stream"/> synchronously.</summary>
    /// <param name="stream">The JSON input; read to its end but not disposed.</param>
    /// <param name="options">Limits; <see cref="StixReaderOptions.Default"/> when null.</param>
    public static IEnumerable<StixBundleEntry> Read(Stream stream, StixReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadIterator(stream, options ?? StixReaderOptions.Default);
    }

    private static IEnumerable<StixBundleEntry> ReadIterator(Stream stream, StixReaderOptions options)
    {
        using var scanner = new BundleScanner(options);
        while (true)
        {
            switch (scanner.Next(out var entry))
            {
                case BundleScanner.Step.Entry:
                    yield return entry!;
                    break;
                case BundleScanner.Step.NeedData:
                    scanner.Advance(stream.Read(scanner.FreeSpace().Span));
                    break;
                case BundleScanner.Step.End:
                    yield break;
            }
        }
    }
}
