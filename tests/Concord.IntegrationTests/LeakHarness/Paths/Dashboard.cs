using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Intel;
using Concord.Intel;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The dashboard's figures (REST overview and the page): totals by TLP count exactly the current records the reader
/// reads; the recent list names none it does not; neither moves when hidden records are added.
/// </summary>
internal sealed class Dashboard : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "dashboard";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/stats/overview", "GET,POST / (page)"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var principal = await world.PrincipalAsync(reader);
        var overview = await world.WithAsync<IIntelStats, IntelOverview>(s => s.OverviewAsync(principal, 30, Ct));
        var readable = world.Records.Count(r => world.MayRead(reader, r));
        if (overview.Added != readable)
        {
            report.Add(reader, $"added {overview.Added}, but the reader reads {readable} records");
        }

        foreach (var recent in overview.Recent)
        {
            if (world.Records.FirstOrDefault(r => r.Id == recent.StixId) is { } record && !world.MayRead(reader, record))
            {
                report.Sees(reader, record, "recent", false, true);
            }
        }

        var client = await world.ClientAsync(reader);
        using var rest = await client.GetAsync("/api/v1/stats/overview", Ct);
        var member = reader.Kind == PrincipalKind.Member;
        if (member ? rest.StatusCode != HttpStatusCode.OK : rest.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            report.Add(reader, $"overview: got {(int)rest.StatusCode}");
        }
        else if (rest.StatusCode == HttpStatusCode.OK && (await rest.JsonAsync()).GetProperty("added").GetInt64() != readable)
        {
            report.Add(reader, $"REST overview's added is not {readable}");
        }
    }

    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var principal = await world.PrincipalAsync(reader);
        var overview = await world.WithAsync<IIntelStats, IntelOverview>(s => s.OverviewAsync(principal, 30, Ct));
        return JsonSerializer.Serialize(overview);
    }
}
