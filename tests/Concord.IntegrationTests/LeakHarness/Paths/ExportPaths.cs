using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The pull URLs: each reader's domain list and Suricata rules hold a value exactly when a record it may read holds it
/// (the cells' values are also held by the witness's copies, so the oracle asks whether any readable record holds the
/// value), and the rules name only indicators it may read.
/// </summary>
internal sealed class ExportPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "export pull URLs";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/exports/{format}"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        using var domains = await client.GetAsync("/api/v1/exports/domains", Ct);
        using var rules = await client.GetAsync("/api/v1/exports/suricata", Ct);
        if (domains.StatusCode != HttpStatusCode.OK || rules.StatusCode != HttpStatusCode.OK)
        {
            report.Add(reader, $"export answered {(int)domains.StatusCode}/{(int)rules.StatusCode}");
            return;
        }

        var listed = (await domains.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var ruleText = await rules.Content.ReadAsStringAsync(Ct);
        foreach (var record in world.Records.Where(r => r.Value is not null))
        {
            var expected = world.Records.Any(r => r.Value == record.Value && !r.Deleted && world.MayRead(reader, r));
            report.Sees(reader, record, "domain list", expected, listed.Contains(record.Value!));
            report.Sees(reader, record, "rules", world.MayRead(reader, record) && !record.Deleted, ruleText.Contains(record.Id, StringComparison.Ordinal));
        }
    }
}
