using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>A MISP object being converted: its fields, and its attributes (the deleted ones already left out).</summary>
internal sealed class MispObj
{
    public required JsonElement Json { get; init; }

    public required string Uuid { get; init; }

    public required string Name { get; init; }

    public string MetaCategory { get; init; } = string.Empty;

    public string? Comment { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required IngestOrigin Origin { get; init; }

    public required MispDistribution Distribution { get; init; }

    public required List<MispAttr> Attributes { get; init; }

    /// <summary>Whether any attribute says to_ids (as written: misp-stix makes an object's indicator only then).</summary>
    public bool AnyToIds => Attributes.Exists(a => a.ToIdsWritten);

    /// <summary><c>misp:name</c> and <c>misp:meta-category</c>, the labels of everything made from an object.</summary>
    public List<object?> Labels() => [$"misp:name=\"{Name.Replace('|', '-')}\"", $"misp:meta-category=\"{MetaCategory}\""];

    /// <summary>All attributes by relation, in order.</summary>
    public Dictionary<string, List<MispAttr>> ByRelation() => Group(Attributes);

    /// <summary>The attributes a pattern is made of (to_ids, or its type's default), by relation.</summary>
    public Dictionary<string, List<MispAttr>> ForPattern() => Group(Attributes.Where(a => a.ToIds));

    private static Dictionary<string, List<MispAttr>> Group(IEnumerable<MispAttr> attributes)
    {
        var groups = new Dictionary<string, List<MispAttr>>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            var relation = attribute.Relation ?? attribute.Type;
            if (!groups.TryGetValue(relation, out var list))
            {
                groups[relation] = list = [];
            }

            list.Add(attribute);
        }

        return groups;
    }
}
