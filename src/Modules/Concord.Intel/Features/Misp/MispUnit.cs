using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// One MISP event read from a document, as a JSON element of its own document (so memory is one event at a time), or
/// the reason the document could not be read any further.
/// </summary>
/// <param name="Path">The event's JSON path in the document: <c>$.Event</c>, <c>$.response[3].Event</c>, <c>$[2]</c>, <c>$</c>.</param>
internal sealed class MispUnit(string path, JsonDocument? document, JsonElement @event, string? error) : IDisposable
{
    public string Path { get; } = path;

    public JsonElement Event { get; } = @event;

    /// <summary>Why the document stops here (JSON syntax, an element that is not an event), naming where; null for an event.</summary>
    public string? Error { get; } = error;

    /// <summary>The rule <see cref="Error"/> broke.</summary>
    public string Rule { get; init; } = "json-syntax";

    public static MispUnit Failed(string path, string error, string rule = "json-syntax") => new(path, null, default, error) { Rule = rule };

    public void Dispose() => document?.Dispose();
}
