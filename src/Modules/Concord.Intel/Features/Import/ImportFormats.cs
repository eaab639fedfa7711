using System.Text.Json;
using Concord.Platform;

namespace Concord.Intel.Features.Import;

/// <summary>The formats an import body may be in.</summary>
internal enum ImportFormat
{
    /// <summary>A STIX 2.1 bundle or a TAXII envelope (<c>{"type":"bundle",…}</c>, <c>{"objects":[…]}</c>).</summary>
    StixBundle,

    /// <summary>MISP JSON: <c>{"Event":…}</c>, <c>{"response":[{"Event":…}]}</c>, a list of events, or a bare event.</summary>
    Misp,
}

/// <summary>A body whose format is known, with a stream that reads it from its first byte again.</summary>
internal sealed record DetectedImport(ImportFormat Format, Stream Stream)
{
    public string Name => ImportFormats.Name(Format);
}

/// <summary>
/// The one place that decides what an import body is, used by every entry point (REST, UI upload, CLI, jobs), so a
/// body that is neither a STIX bundle nor a format Concord knows fails the same clear way everywhere instead of
/// "importing" nothing. It reads the first keys of the top-level JSON value only: a bundle's <c>type</c>/<c>objects</c>,
/// MISP's <c>Event</c>/<c>response</c>, or the keys only a MISP event has.
/// </summary>
internal static class ImportFormats
{
    /// <summary>How much of the body the decision may read; the keys that decide come first in every real export.</summary>
    public const int SniffBytes = 64 * 1024;

    public const string UnknownFormatRule = "unknown-format";

    // Keys only a MISP event has at its top level (PyMISP writes bare events, starting with any of these).
    private static readonly HashSet<string> MispEventKeys = new(StringComparer.Ordinal)
    {
        "info", "Attribute", "Object", "Orgc", "Org", "Tag", "Galaxy", "ShadowAttribute", "threat_level_id", "analysis",
        "attribute_count", "EventReport", "RelatedEvent", "publish_timestamp", "orgc_id", "org_id", "sharing_group_id",
    };

    public static string Name(ImportFormat format) => format switch
    {
        ImportFormat.StixBundle => "stix",
        ImportFormat.Misp => "misp",
    };

    /// <summary>Decides the format of <paramref name="body"/>; the returned stream replays what was read.</summary>
    public static async Task<Result<DetectedImport>> DetectAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);

        // Small bodies (a hand-written indicator, a sighting) get a small buffer: the head is kept until the import ends.
        var head = new byte[body.CanSeek ? (int)Math.Clamp(body.Length - body.Position, 0, SniffBytes) : SniffBytes];
        var length = 0;
        int read;
        while (length < head.Length && (read = await body.ReadAsync(head.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var complete = length < head.Length || (body.CanSeek && body.Position >= body.Length);
        var verdict = Decide(head.AsSpan(0, length), complete);
        if (verdict.Error is { } error)
        {
            return Error.Validation("body", UnknownFormatRule, error);
        }

        return new DetectedImport(verdict.Format, new PrefixedStream(head.AsMemory(0, length), body));
    }

    /// <summary>The decision on the first bytes of a body (<paramref name="complete"/>: they are the whole body).</summary>
    internal static (ImportFormat Format, string? Error) Decide(ReadOnlySpan<byte> head, bool complete)
    {
        const string Known = "Concord imports STIX 2.1 bundles and MISP JSON events ({\"Event\": …}, {\"response\": [{\"Event\": …}]} or a list of events).";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        if (head.Trim(" \t\r\n"u8).IsEmpty && complete)
        {
            return (ImportFormat.StixBundle, "The body is empty. " + Known);
        }

        var reader = new Utf8JsonReader(head, complete, default);
        try
        {
            if (!reader.Read())
            {
                return (ImportFormat.StixBundle, complete ? "The body is empty. " + Known : null);
            }

            return reader.TokenType switch
            {
                JsonTokenType.StartObject => FromObject(ref reader, complete, topLevel: true) ?? (ImportFormat.StixBundle, complete ? "The top-level JSON object has none of the keys of a STIX bundle (type, objects) or of MISP JSON (Event, response, or an event's keys such as info and Attribute). " + Known : null),
                JsonTokenType.StartArray => FromArray(ref reader, complete, Known),
                _ => (ImportFormat.StixBundle, $"The body is a JSON {reader.TokenType}, not an object. " + Known),
            };
        }
        catch (JsonException)
        {
            // Not JSON at all in its first token (a CSV, a PDF, text): nothing any importer could read. Malformed JSON
            // after a decisive key is left to the format's own reader, which names the line and column.
            return reader.BytesConsumed == 0 && reader.TokenType == JsonTokenType.None
                ? (ImportFormat.StixBundle, "The body is not JSON. " + Known)
                : (ImportFormat.StixBundle, null);
        }
    }

    private static (ImportFormat, string?) FromArray(ref Utf8JsonReader reader, bool complete, string known)
    {
        if (!reader.Read())
        {
            return (ImportFormat.StixBundle, null);
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return (ImportFormat.StixBundle, "The body is an empty JSON array. " + known);
        }

        // A list of MISP events: each element {"Event": …} or a bare event.
        return reader.TokenType == JsonTokenType.StartObject && FromObject(ref reader, complete, topLevel: false) is { Format: ImportFormat.Misp }
            ? (ImportFormat.Misp, null)
            : (ImportFormat.StixBundle, "The body is a JSON array whose first element is not a MISP event. A STIX bundle is an object ({\"type\": \"bundle\", \"objects\": […]}). " + known);
    }

    // Reads the keys of the object just started; null when none decides within what was read.
    private static (ImportFormat Format, string? Error)? FromObject(ref Utf8JsonReader reader, bool complete, bool topLevel)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return null;
            }

            var key = reader.GetString()!;
            if (topLevel && key is "type" or "objects")
            {
                return (ImportFormat.StixBundle, null);
            }

            if (key is "Event" || (topLevel && key is "response") || MispEventKeys.Contains(key))
            {
                return (ImportFormat.Misp, null);
            }

            if (!reader.TrySkip())
            {
                // The value runs past what was read: undecided. The STIX reader keeps today's behaviour for such a body.
                return complete ? null : (ImportFormat.StixBundle, null);
            }
        }

        return complete ? null : (ImportFormat.StixBundle, null);
    }
}
