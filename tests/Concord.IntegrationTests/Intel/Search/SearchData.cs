using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.Search;

/// <summary>Objects for the text search tests: real ATT&amp;CK where it fits, and small hand-made ones.</summary>
internal static class SearchData
{
    /// <summary>
    /// The ATT&amp;CK Enterprise objects that mention T1566 or phishing (about a hundred: the technique, its
    /// sub-techniques, groups and software whose descriptions link to it), Phishing itself first, so that it is the
    /// oldest of its matches and relevance, not recency, must put it first.
    /// </summary>
    public static string AttackPhishing()
    {
        var bundle = JsonNode.Parse(File.ReadAllText(SharedData.Path("attack", "enterprise-attack-18.1.reconstructed.json")))!;
        var objects = bundle["objects"]!.AsArray()
            .Where(o => o!["type"]!.GetValue<string>() != "relationship")
            .Where(o => o!.ToJsonString().Contains("T1566", StringComparison.Ordinal) || o.ToJsonString().Contains("hishing", StringComparison.Ordinal))
            .OrderBy(o => IsPhishing(o!) ? 0 : 1)
            .Select(o => o!.DeepClone())
            .ToArray();
        return Bundles.Bundle(objects);
    }

    public static bool IsPhishing(JsonNode o) => o["type"]!.GetValue<string>() == "attack-pattern" && o["name"]!.GetValue<string>() == "Phishing";

    public static JsonObject Malware(string name, string description, string[] aliases, string externalId, Tlp tlp = Tlp.Green)
    {
        var malware = new JsonObject
        {
            ["type"] = "malware",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("malware"),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = "2026-01-01T00:00:00.000Z",
            ["name"] = name,
            ["description"] = description,
            ["is_family"] = true,
            ["external_references"] = new JsonArray(new JsonObject { ["source_name"] = "mitre-attack", ["external_id"] = externalId }),
            ["object_marking_refs"] = new JsonArray(Stix.Markings.TlpMarkings.IdOf(tlp)),
        };
        if (aliases.Length > 0)
        {
            malware["aliases"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]);
        }

        return malware;
    }

    public static async Task<List<StoredStixObject>> SearchAsync(IntelHarness h, Principal reader, string text, int limit = 100, bool relevance = true)
    {
        var found = new List<StoredStixObject>();
        var query = new ObjectQuery { Text = text, Relevance = relevance, Limit = limit };
        while (true)
        {
            var page = await h.Store.QueryAsync(reader, query, TestContext.Current.CancellationToken);
            found.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                return found;
            }

            query = query with { After = next };
        }
    }

    public static string IdOf(JsonNode o) => o["id"]!.GetValue<string>();
}
