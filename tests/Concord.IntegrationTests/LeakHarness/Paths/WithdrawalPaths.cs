using System.Net;
using System.Text.Json;
using Concord.Access;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Federation's withdrawals (and the long poll on the same position), read from the store's start: each deleted record is named to exactly the readers who could
/// read it before it was deleted (its tombstones keep its distribution), and nothing else is named — no record the
/// reader never could read, no record still there. Anonymous readers are not served. The reader's position is its own:
/// records it may not read (the decoys) never move it, nor the list.
/// </summary>
internal sealed class WithdrawalPaths : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "federation withdrawals";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/federation/withdrawals", "GET /api/v1/federation/changes"];

    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var client = await world.ClientAsync(reader);
        using var position = await client.GetAsync("/api/v1/federation/withdrawals", Ct);
        using var list = await client.GetAsync("/api/v1/federation/withdrawals?after=0", Ct);
        using var poll = await client.GetAsync("/api/v1/federation/changes?after=0&wait=0", Ct);
        return $"{(int)position.StatusCode} {await position.Content.ReadAsStringAsync(Ct)}\n{(int)list.StatusCode} {await list.Content.ReadAsStringAsync(Ct)}\n{(int)poll.StatusCode} {await poll.Content.ReadAsStringAsync(Ct)}";
    }

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/federation/withdrawals?after={after}", Ct);
            if (reader.Kind == PrincipalKind.Anonymous)
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    report.Add(reader, $"expected 401, got {(int)response.StatusCode}");
                }

                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                report.Add(reader, $"expected 200, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                return;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            foreach (var item in body.RootElement.GetProperty("withdrawals").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                named[id] = named.GetValueOrDefault(id) + 1;
                if (item.GetProperty("kind").GetString() != "deleted")
                {
                    report.Add(reader, $"{id} is named as {item.GetProperty("kind").GetString()}; the fixture only deletes");
                }
            }

            after = body.RootElement.GetProperty("position").GetInt64();
            if (!body.RootElement.GetProperty("more").GetBoolean())
            {
                break;
            }
        }

        foreach (var record in world.Records)
        {
            var couldRead = record.Tombstoned && world.MayRead(reader, record with { Deleted = false });
            report.Sees(reader, record, "withdrawals", couldRead, named.ContainsKey(record.Id));
        }

        foreach (var id in named.Keys.Where(id => !world.Records.Any(r => r.Id == id)))
        {
            report.Add(reader, $"{id} is named but the fixture never deleted it");
        }
    }
}
