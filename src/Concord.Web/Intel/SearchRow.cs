using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Access;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>
/// A row of the intel list: the text that names the object (a relationship by its ends, "source → type → target";
/// a sighting by what it saw) and what matters for its type (an indicator's value, validity and labels).
/// </summary>
public sealed partial record SearchRow(StoredStixObject Object, string Title)
{
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>An indicator's value when its pattern compares one property to one value, else its pattern.</summary>
    public string? Value { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>An indicator past its <c>valid_until</c>.</summary>
    public bool Expired { get; init; }

    /// <summary>
    /// The rows of a page. The ends of relationships and sightings are named through the reader's visibility
    /// (<see cref="IIntelExplorer.ReferencedAsync"/>): an end it may not read shows as its type only, like an unknown one.
    /// </summary>
    public static async Task<IReadOnlyList<SearchRow>> OfAsync(
        IReadOnlyList<StoredStixObject> items, IIntelExplorer explorer, Principal reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(explorer);
        var documents = items.Select(i => JsonDocument.Parse(i.Json)).ToList();
        try
        {
            var ends = documents.SelectMany(d => Ends(d.RootElement)).Distinct(StringComparer.Ordinal).ToList();
            var names = ends.Count == 0 ? new Dictionary<string, ReferencedObject>() : await explorer.ReferencedAsync(reader, ends, cancellationToken);
            string NameOf(string? id) => id is null ? "?" : names.TryGetValue(id, out var end) ? end.Title : TypeOf(id);
            return items.Select((item, i) => Of(item, documents[i].RootElement, NameOf, now)).ToList();
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    private static SearchRow Of(StoredStixObject item, JsonElement root, Func<string?, string> nameOf, DateTimeOffset now)
    {
        var title = item.Type switch
        {
            "relationship" => $"{nameOf(Text(root, "source_ref"))} → {Text(root, "relationship_type") ?? "related-to"} → {nameOf(Text(root, "target_ref"))}",
            "sighting" when Text(root, "sighting_of_ref") is { } seen => "Sighting of " + nameOf(seen),
            _ => ObjectTitle.Of(root, item.Id),
        };
        var labels = root.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        var row = new SearchRow(item, title) { Labels = labels };
        if (item.Type != "indicator")
        {
            return row;
        }

        var until = DateTimeOffset.TryParse(Text(root, "valid_until"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var u) ? u : (DateTimeOffset?)null;
        return row with { Value = ValueOf(Text(root, "pattern")), ValidUntil = until, Expired = until <= now };
    }

    /// <summary><c>[ipv4-addr:value = '198.51.100.7']</c> → <c>198.51.100.7</c>; any other pattern as it is.</summary>
    public static string? ValueOf(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        var single = OneComparison().Match(pattern);
        return single.Success ? single.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : pattern;
    }

    [GeneratedRegex(@"^\s*\[\s*[a-z0-9-]+:[A-Za-z0-9_.\-\[\]'* ]+?\s*=\s*'(?<value>(?:[^'\\]|\\.)*)'\s*\]\s*$")]
    private static partial Regex OneComparison();

    private static IEnumerable<string> Ends(JsonElement root) =>
        new[] { "source_ref", "target_ref", "sighting_of_ref" }.Select(p => Text(root, p)).OfType<string>();

    private static string? Text(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string TypeOf(string id) => id.IndexOf("--", StringComparison.Ordinal) is var at and > 0 ? id[..at] : id;
}
