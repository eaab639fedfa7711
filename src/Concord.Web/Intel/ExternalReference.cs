using System.Text.Json;

namespace Concord.Web.Intel;

/// <summary>
/// One of an object's <c>external_references</c>: where it is described elsewhere (ATT&amp;CK's T1566.001, a CVE, a
/// vendor's write-up). <see cref="Url"/> is kept only when it is a link a page may show (http, https or mailto).
/// </summary>
public sealed record ExternalReference(string SourceName, string? ExternalId, string? Url, string? Description)
{
    public static IReadOnlyList<ExternalReference> Of(JsonElement root)
    {
        if (!root.TryGetProperty("external_references", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var references = new List<ExternalReference>();
        foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var url = String(item, "url");
            references.Add(new ExternalReference(
                String(item, "source_name") ?? "reference", String(item, "external_id"), MarkdownText.IsSafe(url) ? url : null, String(item, "description")));
        }

        return references;
    }

    /// <summary>The references that identify the object in a catalogue (ATT&amp;CK, CAPEC, CVE), shown beside its title.</summary>
    public static IReadOnlyList<ExternalReference> Identifiers(IReadOnlyList<ExternalReference> references) =>
        [.. (references ?? []).Where(r => r.ExternalId is { Length: > 0 })];

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
