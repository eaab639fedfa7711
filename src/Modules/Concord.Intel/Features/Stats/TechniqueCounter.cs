using System.Text.Json;
using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Stats;

/// <summary>
/// The ATT&amp;CK techniques most pointed at by the window's current relationships (e.g. an intrusion set <c>uses</c> a
/// technique), summed from the technique count buckets the principal may read. A technique it may not read is dropped
/// rather than shown by id.
/// </summary>
internal static class TechniqueCounter
{
    public static async Task<IReadOnlyList<TechniqueCount>> TopAsync(
        IntelDbContext db, IQueryable<StoredObject> visible, Principal principal, long firstDay, int top, CancellationToken cancellationToken)
    {
        var leaders = await db.TechniqueUses.AsNoTracking().Apply(principal).Where(c => c.Day >= firstDay)
            .GroupBy(c => c.TechniqueRef).Select(g => new { g.Key, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count > 0).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(top * 2)
            .ToListAsync(cancellationToken);
        var ids = leaders.Select(c => c.Key).ToList();
        var techniques = await visible.Where(o => o.Type == "attack-pattern" && ids.Contains(o.StixId))
            .Select(o => new { o.StixId, o.Name, o.Json }).ToListAsync(cancellationToken);
        return leaders
            .Select(c => (Count: c, Technique: techniques.FirstOrDefault(t => t.StixId == c.Key)))
            .Where(x => x.Technique is not null)
            .Take(top)
            .Select(x => new TechniqueCount(x.Count.Key, x.Technique!.Name, MitreId(x.Technique.Json), x.Count.Count))
            .ToList();
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
