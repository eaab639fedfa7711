using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Incidents;

/// <summary>A case category: an RSIT class and type (<c>fraud:phishing</c>), with their names as the taxonomy gives them.</summary>
public sealed record IncidentCategory(string Id, string Class, string ClassName, string Name, string Description);

/// <summary>
/// What a case is classified with. Categories: the Reference Security Incident Taxonomy (RSIT) the CSIRT networks use,
/// from MISP's machine-readable copy (<c>Taxonomy/rsit.json</c>, CC0), embedded so a node needs no data file. Sectors: the
/// sectors of NIS2 Annexes I and II as MISP's <c>nis2</c> taxonomy names them (<c>impact-sectors-impacted</c>).
/// </summary>
public static class IncidentTaxonomy
{
    /// <summary>The RSIT version embedded.</summary>
    public static int Version { get; }

    public static IReadOnlyList<IncidentCategory> Categories { get; }

    private static readonly FrozenDictionary<string, IncidentCategory> ById;

    public static IReadOnlyList<string> Sectors { get; } =
    [
        "banking", "chemical", "courier", "digital-infrastructure", "digital-providers", "drinking-water", "energy", "financial", "food",
        "health", "ict-services", "manufacturing", "public-administration", "research", "space", "transport", "waste-management", "waste-water",
    ];

    static IncidentTaxonomy()
    {
        using var stream = typeof(IncidentTaxonomy).Assembly.GetManifestResourceStream("Concord.Incidents.rsit.json")!;
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        Version = root.GetProperty("version").GetInt32();
        var classes = root.GetProperty("predicates").EnumerateArray()
            .ToDictionary(p => p.GetProperty("value").GetString()!, p => p.GetProperty("expanded").GetString()!, StringComparer.Ordinal);
        Categories = [.. root.GetProperty("values").EnumerateArray().SelectMany(v =>
        {
            var predicate = v.GetProperty("predicate").GetString()!;
            return v.GetProperty("entry").EnumerateArray().Select(e => new IncidentCategory(
                $"{predicate}:{e.GetProperty("value").GetString()}",
                predicate,
                classes[predicate],
                e.GetProperty("expanded").GetString()!,
                e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : ""));
        })];
        ById = Categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>A category by its id (<c>fraud:phishing</c>; any case), or null.</summary>
    public static IncidentCategory? Find(string? id) =>
        id is not null && ById.TryGetValue(id.Trim().ToLowerInvariant(), out var category) ? category : null;

    /// <summary>The category as a MISP machine tag (<c>rsit:fraud="phishing"</c>), as STIX labels carry it.</summary>
    public static string MachineTag(IncidentCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return $"rsit:{category.Class}=\"{category.Id[(category.Class.Length + 1)..]}\"";
    }
}
