using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace Concord.Stix;

/// <summary>Parses one STIX object from UTF-8 JSON, rejecting malformed input with a precise error instead of throwing.</summary>
public static class StixParser
{
    /// <summary>
    /// Parses <paramref name="utf8Json"/> as one STIX object. The bytes are kept, not copied: the caller must not
    /// reuse the buffer while the returned object is alive.
    /// </summary>
    /// <returns>True with the object, or false with an error naming where and what is wrong.</returns>
    public static bool TryParse(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out StixObject? stixObject,
        [NotNullWhen(false)] out StixIssue? error,
        StixReaderOptions? options = null)
    {
        return TryParseChecked(utf8Json, out stixObject, out error, options ?? StixReaderOptions.Default, prechecked: false);
    }

    /// <summary>Parses a JSON string as one STIX object.</summary>
    public static bool TryParse(
        string json,
        [NotNullWhen(true)] out StixObject? stixObject,
        [NotNullWhen(false)] out StixIssue? error,
        StixReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(System.Text.Encoding.UTF8.GetBytes(json), out stixObject, out error, options);
    }

    /// <summary>
    /// The parse itself. <paramref name="prechecked"/> is set by the bundle reader, which has already checked
    /// UTF-8 validity and string lengths while streaming, so only the document build remains.
    /// </summary>
    internal static bool TryParseChecked(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out StixObject? stixObject,
        [NotNullWhen(false)] out StixIssue? error,
        StixReaderOptions options,
        bool prechecked)
    {
        stixObject = null;
        var span = utf8Json.Span;
        if (span.Length > options.MaxObjectBytes)
        {
            error = StixIssue.Error("$", "object-too-large", $"The object is {span.Length} bytes; the limit is {options.MaxObjectBytes}.");
            return false;
        }

        if (!prechecked)
        {
            if (!Utf8.IsValid(span))
            {
                error = StixIssue.Error("$", "invalid-utf8", "The input is not valid UTF-8.");
                return false;
            }

            // No string can be longer than the whole input, so the extra token pass is only needed for
            // inputs bigger than the string limit: with the defaults that is never for real STIX objects.
            if (span.Length > options.MaxStringBytes && !JsonLimits.Check(span, options, out error))
            {
                return false;
            }
        }

        // Checked for streamed elements too: the bundle reader checks bytes, not what the escapes spell.
        if (UnpairedSurrogates.Find(span) is { } badText)
        {
            error = StixIssue.Error(badText, "unpaired-surrogate",
                "A string (or property name) here escapes a UTF-16 surrogate without its pair, e.g. \\ud800 alone; that is not Unicode text, and I-JSON (RFC 7493) forbids it.");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions(options));
        }
        catch (JsonException ex)
        {
            error = StixIssue.Error("$", JsonLimits.RuleFor(ex), ex.Message);
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            error = StixIssue.Error("$", "not-an-object", $"A STIX object must be a JSON object, not {kind}.");
            return false;
        }

        stixObject = new StixObject(utf8Json, document);
        error = null;
        return true;
    }

    internal static JsonDocumentOptions DocumentOptions(StixReaderOptions options) => new()
    {
        MaxDepth = options.MaxDepth,
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
