using System.Text.Json;
using Concord.Access;

namespace Concord.Intel.Features.FreeText;

/// <summary>
/// Finds an object the reader may read by its external id (<c>T1566.001</c> from <c>mitre-attack</c>, a CVE id) through
/// the store's query, so through visibility: an object the reader may not read is never found.
/// </summary>
internal static class ExternalIds
{
    private const int Candidates = 20;

    public static async Task<string?> FindAsync(IIntelStore store, Principal principal, string type, string externalId, CancellationToken cancellationToken)
    {
        // Relevance puts an object whose external id equals the words first; the exact check below decides.
        var page = await store.QueryAsync(principal, new ObjectQuery { Type = type, Text = externalId, Relevance = true, Limit = Candidates }, cancellationToken);
        return page.Items.FirstOrDefault(o => !o.Revoked && Holds(o.Json, type, externalId))?.Id;
    }

    private static bool Holds(ReadOnlyMemory<byte> json, string type, string externalId)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (type == "vulnerability" && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            && string.Equals(name.GetString(), externalId, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!root.TryGetProperty("external_references", out var references) || references.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var reference in references.EnumerateArray())
        {
            if (reference.ValueKind == JsonValueKind.Object
                && reference.TryGetProperty("source_name", out var source) && source.ValueKind == JsonValueKind.String
                && reference.TryGetProperty("external_id", out var id) && id.ValueKind == JsonValueKind.String
                && string.Equals(id.GetString(), externalId, StringComparison.OrdinalIgnoreCase)
                && (type == "vulnerability" ? source.ValueEquals("cve") : source.GetString()!.StartsWith("mitre-", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
