using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Sightings;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Sightings of an indicator every member reads: each sighting is listed and counted in the totals exactly for its
/// readers; the shared score moves only for sightings every reader of the indicator may read (a false positive, GREEN
/// or CLEAR to the alliance or wider, halves 80 to 40), so every reader sees the same score whatever hidden ones say.
/// </summary>
internal sealed class SightingPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "sightings";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/objects/{id}/sightings"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        if (reader.Kind != PrincipalKind.Member)
        {
            var target = world.Of("sighting").First().SightingOf;
            using var closed = await client.GetAsync($"/api/v1/objects/{target}/sightings", Ct);
            var want = reader.Kind == PrincipalKind.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            if (closed.StatusCode != want)
            {
                report.Add(reader, $"sightings: expected {(int)want}, got {(int)closed.StatusCode}");
            }

            return;
        }

        foreach (var group in world.Of("sighting").GroupBy(s => s.SightingOf!))
        {
            var list = await client.SightingsAsync(group.Key);
            var listed = list.GetProperty("sightings").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToHashSet();
            var falsePositives = list.GetProperty("totals").GetProperty("false_positives").GetInt64();
            var expectedTotal = group.Where(s => world.MayRead(reader, s)).Sum(s => s.Label == "decoy sighting" ? 50 : 5);
            if (falsePositives != expectedTotal)
            {
                report.Add(reader, $"totals of {string.Join(", ", group)}: {falsePositives} false positives, expected {expectedTotal}");
            }

            foreach (var sighting in group)
            {
                report.Sees(reader, sighting, "listed", world.MayRead(reader, sighting), listed.Contains(sighting.Id));
            }

            var everyone = group.Any(s => s.Label != "decoy sighting" && s.Scope >= Scope.Alliance);
            var score = await client.ScoreAsync(group.Key);
            if (Math.Abs(score!.Value - (everyone ? 40 : 80)) > 0.051)
            {
                report.Add(reader, $"score of the indicator {string.Join(", ", group)} sighted: {score}, expected {(everyone ? 40 : 80)}");
            }
        }
    }
}
