using System.Text.Json;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Stats;

/// <summary>
/// The ATT&amp;CK techniques most pointed at by the window's relationships (e.g. an intrusion set <c>uses</c> a
/// technique). Both ends are what the principal may read: the relationships come from the filtered query, and a
/// technique it may not read is dropped rather than shown by id.
/// </summary>
internal static class TechniqueCounter
{
    /// <summary>Relationships read per dashboard view at most (newest first), so one view's cost stays bounded.</summary>
    private const int MaxRelationships = 20_000;
    private const string Prefix = "attack-pattern--";

    public static async Task<IReadOnlyList<TechniqueCount>> TopAsync(IQueryable<StoredObject> visible, long sinceUs, int top, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var relationships = visible.Where(o => o.Type == "relationship" && o.DateAddedUs >= sinceUs)
            .OrderByDescending(o => o.Seq).Take(MaxRelationships).Select(o => o.Json).AsAsyncEnumerable();
        await foreach (var json in relationships.WithCancellation(cancellationToken))
        {
            if (TargetOf(json) is { } target && target.StartsWith(Prefix, StringComparison.Ordinal))
            {
                counts[target] = counts.GetValueOrDefault(target) + 1;
            }
        }

        var leaders = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top * 2).ToList();
        var ids = leaders.Select(c => c.Key).ToList();
        var techniques = await visible.Where(o => o.Type == "attack-pattern" && ids.Contains(o.StixId))
            .Select(o => new { o.StixId, o.Name, o.Json }).ToListAsync(cancellationToken);
        return leaders
            .Select(c => (Count: c, Technique: techniques.FirstOrDefault(t => t.StixId == c.Key)))
            .Where(x => x.Technique is not null)
            .Take(top)
            .Select(x => new TechniqueCount(x.Count.Key, x.Technique!.Name, MitreId(x.Technique.Json), x.Count.Value))
            .ToList();
    }

    private static string? TargetOf(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("target_ref"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
            {
                reader.Skip();
            }
        }

        return null;
    }

    /// <summary>The technique's ATT&amp;CK id (<c>T1566.001</c>) from its <c>mitre-attack</c> external reference.</summary>
    private static string? MitreId(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("external_references", out var references) || references.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var reference in references.EnumerateArray())
        {
            if (reference.ValueKind == JsonValueKind.Object
                && reference.TryGetProperty("source_name", out var source) && source.ValueEquals("mitre-attack")
                && reference.TryGetProperty("external_id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString();
            }
        }

        return null;
    }
}
