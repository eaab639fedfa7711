using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// Alpha shares, alliance-wide at TLP:GREEN, three indicators, an ATT&amp;CK technique and two relationships to it;
/// Bravo keeps one TLP:AMBER indicator ("Bravo's own secret") to itself.
/// </summary>
internal static class DashboardData
{
    public const string Secret = "Bravo's own secret";
    public const int AlphaShared = 6;

    public static async Task SeedAsync(TestNode node, TestAlliance alliance)
    {
        var technique = new JsonObject
        {
            ["type"] = "attack-pattern",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("attack-pattern"),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = "2026-01-01T00:00:00.000Z",
            ["name"] = "Spearphishing Attachment",
            ["external_references"] = new JsonArray(new JsonObject { ["source_name"] = "mitre-attack", ["external_id"] = "T1566.001" }),
        };
        var indicators = Enumerable.Range(1, 3).Select(i => Bundles.Indicator(name: $"Alpha indicator {i}")).ToList();
        var relationships = indicators.Take(2).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "relationship",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("relationship"),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = "2026-01-01T00:00:00.000Z",
            ["relationship_type"] = "indicates",
            ["source_ref"] = i["id"]!.GetValue<string>(),
            ["target_ref"] = technique["id"]!.GetValue<string>(),
        });
        await WebData.ImportAsync(node, alliance, "Alpha", Bundles.Bundle([.. indicators, technique, .. relationships]),
            new ImportOptions { Tlp = Tlp.Green, Scope = Scope.Alliance });
        await WebData.ImportAsync(node, alliance, "Bravo", Bundles.Bundle(Bundles.Indicator(name: Secret)),
            new ImportOptions { Tlp = Tlp.Amber, Scope = Scope.Owner });
    }
}
