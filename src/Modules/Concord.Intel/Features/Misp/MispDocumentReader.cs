using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Reads the events of a MISP JSON document one at a time: a list of events (<c>[…]</c>, or an API export
/// <c>{"response": […]}</c>) is streamed element by element, so memory holds one event, never the file; a single event
/// (<c>{"Event": …}</c> or a bare event) is one element anyway. The first JSON error ends the document with a unit
/// naming the line, the column and, in MISP's words, the event and attribute being read.
/// </summary>
internal static partial class MispDocumentReader
{
    /// <summary>The largest single event read (its JSON); a document of many events may be larger.</summary>
    public const int MaxEventBytes = 1 << 30;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static async IAsyncEnumerable<MispUnit> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new Buffer(stream);
        await buffer.FillAsync(cancellationToken);
        buffer.SkipBom();
        var list = buffer.StartList(out var prefix);
        if (list is null)
        {
            // One event: the whole document is its element.
            while (!buffer.Final)
            {
                if (!buffer.Grow())
                {
                    yield return MispUnit.Failed("$", $"The event is larger than {MaxEventBytes} bytes.", "event-too-large");
                    yield break;
                }

                await buffer.FillAsync(cancellationToken);
            }

            // The event is parsed where it was read: no second copy of a large file.
            foreach (var unit in Whole(buffer.Memory))
            {
                yield return unit;
            }

            yield break;
        }

        var index = 0;
        while (true)
        {
            var step = list.Next(buffer, out var element, out var error);
            if (step == ListStep.NeedData)
            {
                if (buffer.Final || !buffer.Grow())
                {
                    yield return MispUnit.Failed($"{prefix}[{index}]", buffer.Final ? "The input ends inside an event." : $"The event is larger than {MaxEventBytes} bytes.", buffer.Final ? "json-syntax" : "event-too-large");
                    yield break;
                }

                await buffer.FillAsync(cancellationToken);
                continue;
            }

            if (step == ListStep.Element)
            {
                yield return Element(element!, $"{prefix}[{index++}]");
                continue;
            }

            if (step == ListStep.Error)
            {
                // An error inside an element names the event being read; one between or after them, only where it is.
                var (path, description) = element!.Length > 0 ? MispSyntaxContext.Describe(element, $"{prefix}[{index}]") : (prefix, "The list of events");
                yield return MispUnit.Failed(path, $"{description}: {error}");
            }

            yield break;
        }
    }

    private static IEnumerable<MispUnit> Whole(ReadOnlyMemory<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return [Failed(bytes.Span, "$", ex)];
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Event", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            return [new MispUnit("$.Event", document, wrapped, null)];
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var response))
        {
            // An API export whose "response" is not the first key: already parsed, so walk it in place.
            return response.ValueKind == JsonValueKind.Array
                ? Listed(document, response)
                : [MispUnit.Failed("$.response", "A MISP export whose \"response\" is not a list of events (an attribute search?) cannot be imported; export events.", "misp-not-events")];
        }

        return [new MispUnit("$", document, root, null)];
    }

    private static IEnumerable<MispUnit> Listed(JsonDocument document, JsonElement response)
    {
        // The units share the document: it is disposed with the last of them.
        var i = 0;
        var count = response.GetArrayLength();
        foreach (var element in response.EnumerateArray())
        {
            var path = $"$.response[{i}]";
            var owner = ++i == count ? document : null;
            yield return element.ValueKind != JsonValueKind.Object ? NotAnEvent(path)
                : element.TryGetProperty("Event", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? new MispUnit(path + ".Event", owner, wrapped, null)
                : new MispUnit(path, owner, element, null);
        }
    }

    private static MispUnit Element(byte[] bytes, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Failed(bytes, path, ex);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return NotAnEvent(path);
        }

        return root.TryGetProperty("Event", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object
            ? new MispUnit(path + ".Event", document, wrapped, null)
            : new MispUnit(path, document, root, null);
    }

    private static MispUnit NotAnEvent(string path) =>
        MispUnit.Failed(path, "This element of the list is not a MISP event (a JSON object).", "misp-not-events");

    private static MispUnit Failed(ReadOnlySpan<byte> bytes, string basePath, JsonException ex)
    {
        var (path, description) = MispSyntaxContext.Describe(bytes, basePath);
        return MispUnit.Failed(path, $"{description}: {Syntax(ex)}");
    }

    internal static string Syntax(JsonException ex) =>
        $"JSON syntax error at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of the line: {Strip(ex.Message)}";

    // System.Text.Json appends its own "LineNumber: … | BytePositionInLine: …" (zero-based), said here once, one-based,
    // and advice meant for programmers ("Change the reader options."), which a person fixing a file cannot follow.
    private static string Strip(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = at > 0 ? message[..at].TrimEnd() : message;
        return text.Replace(" which is not supported in this mode. Change the reader options.", ".", StringComparison.Ordinal)
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);
    }
}
