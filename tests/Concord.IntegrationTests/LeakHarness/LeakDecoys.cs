using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.IntegrationTests.Intel.List;
using Concord.IntegrationTests.Sightings;
using Concord.Stix;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// Records only the owner may read, made to come first in every order a reader could see them in: named "A…", the
/// exact search word, scored 100, newest, carrying a value others correlate, sighting an indicator others read. A
/// path whose view moves for anyone else when they are added reveals them (a count, an order, a score, a cursor).
/// </summary>
internal static class LeakDecoys
{
    /// <summary>The word the decoys and every cell's indicator carry (search and relevance fingerprints use it).</summary>
    public const string Word = "relay";

    public static async Task SeedAsync(LeakWorld world, HttpClient owner)
    {
        var value = world.Of("indicator").First(r => r.Value is not null).Value!;
        var decoys = Enumerable.Range(0, 4).Select(i => Decoy(ListData.Scored($"A leak relay decoy {i}", confidence: 100, tlp: Tlp.Red), value)).ToList();
        decoys.Add(Decoy(ListData.Scored(Word, confidence: 100, tlp: Tlp.Red), value));
        var hub = world.Of("indicator").Single(r => r.Label == "hub").Id;
        var link = LeakSeed.Marked("relationship", Tlp.Red, ("relationship_type", "related-to"), ("source_ref", hub), ("target_ref", decoys[0].Id()));
        await LeakSeed.ImportAsync(world, LeakWorld.Owner, "tlp=red&scope=owner", [.. decoys, link]);
        foreach (var decoy in decoys.Append(link))
        {
            world.Records.Add(LeakSeed.Record($"decoy {decoy["name"] ?? "link"}", decoy, LeakWorld.Owner, Tlp.Red, Scope.Owner, world) with { Word = Word });
        }

        // A hidden false positive of an indicator every member reads: its score and totals must not move for them.
        var sighted = world.Of("indicator").First(r => r.Label.StartsWith("sighted", StringComparison.Ordinal));
        var id = await owner.SightOkAsync(new Dictionary<string, object?>
        {
            ["sighting_of"] = sighted.Id, ["kind"] = "false-positive", ["count"] = 50, ["tlp"] = "red", ["scope"] = "owner",
        });
        world.Records.Add(new LeakRecord("decoy sighting", id, "sighting", LeakWorld.Owner, Tlp.Red, Scope.Owner, new HashSet<string>()) { SightingOf = sighted.Id });
    }

    /// <summary>Each fingerprinted path's view for every reader who may read no decoy.</summary>
    public static async Task CaptureAsync(LeakWorld world, bool before)
    {
        foreach (var path in ReadPaths.All.OfType<IFingerprinted>())
        {
            foreach (var reader in world.Readers.Where(r => r.Organisation != LeakWorld.Owner))
            {
                // Trace and error ids name the request, not what it saw.
                var view = System.Text.RegularExpressions.Regex.Replace(await path.FingerprintAsync(world, reader), "\"(traceId|error_id)\":\"[^\"]*\"", "\"$1\":\"…\"");
                var key = (((IReadPath)path).Name, reader.Name);
                world.Fingerprints[key] = before ? (view, string.Empty) : (world.Fingerprints[key].Before, view);
            }
        }
    }

    private static JsonObject Decoy(JsonObject indicator, string value)
    {
        indicator["pattern"] = $"[domain-name:value = '{value}']";
        return indicator;
    }
}
