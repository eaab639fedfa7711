using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Intel.Correlation;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Correlation: one value, a list (lookup), an object's correlations (from the witness's copy, which every member
/// reads). Where the reader may not read the owner's indicator, neither its id nor the owner's organisation id may
/// appear anywhere in the answer, nor may a value be called common; the witness's copy always shows.
/// </summary>
internal sealed class CorrelationPaths : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "correlation";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/correlation/", "GET /api/v1/objects/{id}/correlations"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        var cells = world.Of("indicator").Where(r => r.Owner == LeakWorld.Owner && r.Value is not null && r.Versions.Count > 0).ToList();
        if (reader.Kind != PrincipalKind.Member)
        {
            // Members only: anonymous 401, a peer node 403, whatever the value.
            var want = reader.Kind == PrincipalKind.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            var witness = world.Records.First(r => r.Label.StartsWith("witness", StringComparison.Ordinal)).Id;
            using var single = await client.GetAsync($"/api/v1/correlation?value={cells[0].Value}", Ct);
            using var forObject = await client.GetAsync($"/api/v1/objects/{witness}/correlations", Ct);
            using var lookup = await client.LookupAsync([cells[0].Value!]);
            if (single.StatusCode != want || forObject.StatusCode != want || lookup.StatusCode != want)
            {
                report.Add(reader, $"expected {(int)want} everywhere, got {(int)single.StatusCode}, {(int)forObject.StatusCode}, {(int)lookup.StatusCode}");
            }

            return;
        }

        var ownerOrg = world.Alliance.OrgId(LeakWorld.Owner).ToString();
        var bulk = await client.LookupJsonAsync([.. cells.Select(c => c.Value!)]);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var expected = world.MayRead(reader, cell);
            var witness = world.Records.Single(r => r.Label == "witness of " + cell.Label["indicator ".Length..]).Id;
            using var single = await client.GetAsync($"/api/v1/correlation?value={Uri.EscapeDataString(cell.Value!)}", Ct);
            Check(report, reader, cell, "GET correlation", expected, single.StatusCode == HttpStatusCode.OK, await single.Content.ReadAsStringAsync(Ct), ownerOrg, witness);
            Check(report, reader, cell, "POST lookup", expected, true, bulk.GetProperty("values")[i].Raw(), ownerOrg, witness);
            using var forObject = await client.GetAsync($"/api/v1/objects/{witness}/correlations", Ct);
            Check(report, reader, cell, "object correlations", expected, forObject.StatusCode == HttpStatusCode.OK, await forObject.Content.ReadAsStringAsync(Ct), ownerOrg, null);
        }
    }

    /// <summary>The lookup of every cell's value: the decoys share the first one, and must not show or count.</summary>
    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var client = await world.ClientAsync(reader);
        using var response = await client.LookupAsync([.. world.Of("indicator").Where(r => r.Value is not null && r.Versions.Count > 0).Select(r => r.Value!)]);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
    }

    private static void Check(Mismatches report, Reader reader, LeakRecord cell, string where, bool expected, bool ok, string body, string ownerOrg, string? witness)
    {
        if (!ok)
        {
            report.Add(reader, $"{where}: {cell} — the request failed: {body}");
            return;
        }

        report.Sees(reader, cell, where + " (object)", expected, body.Contains(cell.Id, StringComparison.Ordinal));
        report.Sees(reader, cell, where + " (owner named)", expected, body.Contains(ownerOrg, StringComparison.Ordinal));
        if (witness is not null && !body.Contains(witness, StringComparison.Ordinal))
        {
            report.Add(reader, $"{where}: {cell} — the witness's visible copy is missing");
        }

        if (body.Contains("\"common\":true", StringComparison.Ordinal))
        {
            report.Add(reader, $"{where}: {cell} — reported common");
        }
    }
}
