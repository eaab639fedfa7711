using System.Net;
using System.Text.Json;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Federation's provenance of a copy: answered for exactly the copies the reader may read (by id, and by id and owner),
/// "not found" alike for a hidden copy and a missing one; a copy made on this node names only this node.
/// </summary>
internal sealed class ProvenancePaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "federation provenance";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/federation/provenance/{id}"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        var missing = Bundles.NewId();
        foreach (var record in world.Records)
        {
            var expected = world.MayRead(reader, record);
            var owner = world.Alliance.OrgId(record.Owner);
            foreach (var url in new[] { $"/api/v1/federation/provenance/{record.Id}", $"/api/v1/federation/provenance/{record.Id}?owner={owner}" })
            {
                using var response = await client.GetAsync(url, Ct);
                await report.StatusAsync(reader, record, "provenance", expected, response, HttpStatusCode.NotFound);
                if (expected && response.StatusCode == HttpStatusCode.OK)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                    if (body.RootElement.GetProperty("path").GetArrayLength() > 1)
                    {
                        report.Add(reader, $"{record.Id} was made on this node but its provenance names other nodes");
                    }
                }
            }

            if (!expected)
            {
                await report.SameAsMissingAsync(reader, record, "provenance", client, $"/api/v1/federation/provenance/{record.Id}", $"/api/v1/federation/provenance/{missing}", missing);
            }
        }
    }
}
