using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// A STIX object handed to the MISP exporter: its JSON as the reader may read it, and the MISP distribution its Concord
/// scope maps back to (0 organisation, 1 community, 2 connected communities, 3 all).
/// </summary>
internal sealed record MispExportItem(JsonElement Json, int Distribution)
{
    public string Id => Json.GetProperty("id").GetString()!;

    public string Type => Json.GetProperty("type").GetString()!;

    public string Uuid => Id[(Id.IndexOf("--", StringComparison.Ordinal) + 2)..];

    public string? Text(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Strings(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    public IReadOnlyList<string> Labels => Strings("labels");

    /// <summary>The value of a <c>prefix="value"</c> label (misp-stix's <c>misp:type="ip-dst"</c>), or null.</summary>
    public string? Label(string prefix) => Labels.FirstOrDefault(l => l.StartsWith(prefix + "=\"", StringComparison.Ordinal) && l.EndsWith('"')) is { } label
        ? label[(prefix.Length + 2)..^1]
        : null;
}
