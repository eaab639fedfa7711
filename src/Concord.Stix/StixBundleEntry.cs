using System.Diagnostics.CodeAnalysis;

namespace Concord.Stix;

/// <summary>
/// One element of a bundle's (or TAXII envelope's) <c>objects</c> list as read by <see cref="StixBundleReader"/>:
/// its position, an owned copy of its exact bytes, or the error that stopped it from being read.
/// </summary>
public sealed class StixBundleEntry
{
    private readonly StixReaderOptions _options;

    internal StixBundleEntry(int index, ReadOnlyMemory<byte> utf8Json, StixIssue? error, StixReaderOptions options)
    {
        Index = index;
        Utf8Json = utf8Json;
        Error = error;
        _options = options;
    }

    /// <summary>
    /// The zero-based position in the <c>objects</c> list, or -1 for an error about the document as a whole
    /// (malformed JSON outside any element, a top level that is not a bundle).
    /// </summary>
    public int Index { get; }

    /// <summary>The element's exact UTF-8 bytes (an owned copy); empty when <see cref="Error"/> is set.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>Why the element (or the document) could not be read, with a path such as <c>$.objects[12]</c>; null when read.</summary>
    public StixIssue? Error { get; }

    /// <summary>The JSON path of this element, e.g. <c>$.objects[12]</c>, or <c>$</c> for document-level errors.</summary>
    public string Path => Index < 0 ? "$" : $"$.objects[{Index}]";

    /// <summary>
    /// Parses the element as a STIX object. Errors carry paths rooted at the element (<c>$.objects[12].type</c>).
    /// The returned object shares <see cref="Utf8Json"/>; dispose it when done on hot paths.
    /// </summary>
    /// <returns>True with the object; false with the read error or the parse error.</returns>
    public bool TryParse([NotNullWhen(true)] out StixObject? stixObject, [NotNullWhen(false)] out StixIssue? error)
    {
        if (Error is not null)
        {
            stixObject = null;
            error = Error;
            return false;
        }

        // The reader already checked UTF-8 and string lengths while streaming; only the structure remains.
        if (StixParser.TryParseChecked(Utf8Json, out stixObject, out var issue, _options, prechecked: true))
        {
            error = null;
            return true;
        }

        error = issue with { Path = Path + issue.Path[1..] };
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Error is null ? $"{Path} ({Utf8Json.Length} bytes)" : Error.ToString();
}
