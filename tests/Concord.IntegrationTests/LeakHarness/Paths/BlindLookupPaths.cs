using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Blind lookups answered to a caller (a peer node — the recipients' node among them — or a member): one question with
/// the blind hash of every cell's value. A cell's id, and its owner's organisation id, appear in the answer to its hash
/// exactly when the reader may read it; nobody unauthenticated is answered.
/// </summary>
internal sealed class BlindLookupPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "blind lookups";

    public IReadOnlyList<string> Routes { get; } = ["POST /api/v1/federation/lookups/"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        await ReadyAsync(world);
        var cells = world.Of("indicator").Where(r => r.Owner == LeakWorld.Owner && r.Value is not null && r.Versions.Count > 0).Take(IBlindLookups.MaxHashes).ToList();
        var questions = (await world.WithAsync<IBlindLookups, Platform.Result<IReadOnlyList<BlindQuestion>>>(b => b.HashAsync([.. cells.Select(c => c.Value!)], Ct))).Value!;
        var client = await world.ClientAsync(reader);
        using var response = await client.PostAsJsonAsync("/api/v1/federation/lookups", new { hashes = questions.Select(q => q.Hash) }, Ct);
        if (reader.Kind == PrincipalKind.Anonymous)
        {
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                report.Add(reader, $"blind lookup: expected 401, got {(int)response.StatusCode}");
            }

            return;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            report.Add(reader, $"blind lookup: the request failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            return;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var answers = body.RootElement.GetProperty("answers");
        var ownerOrg = world.Alliance.OrgId(LeakWorld.Owner).ToString();
        for (var i = 0; i < cells.Count; i++)
        {
            var records = answers[i].GetProperty("records").GetRawText();
            var expected = world.MayRead(reader, cells[i]);
            report.Sees(reader, cells[i], "blind lookup (object)", expected, records.Contains(cells[i].Id, StringComparison.Ordinal));
            report.Sees(reader, cells[i], "blind lookup (owner named)", expected, records.Contains(ownerOrg, StringComparison.Ordinal));
        }
    }

    /// <summary>Sets the federation secret once and waits (up to 30 s) for the blind index to cover the world.</summary>
    private static async Task ReadyAsync(LeakWorld world)
    {
        var status = await world.WithAsync<IBlindLookups, BlindStatus>(b => b.StatusAsync(Ct));
        if (!status.Enabled)
        {
            var admin = new Principal(PrincipalKind.Member, null, new HashSet<Guid>(), Role.NodeAdmin, "leak-harness");
            Assert.True((await world.WithAsync<IBlindLookups, Platform.Result<BlindStatus>>(b => b.SetSecretAsync(admin, "the leak harness's federation secret, 32+ chars", Ct))).IsSuccess);
        }

        for (var i = 0; i < 300 && !(await world.WithAsync<IBlindLookups, BlindStatus>(b => b.StatusAsync(Ct))).Ready; i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True((await world.WithAsync<IBlindLookups, BlindStatus>(b => b.StatusAsync(Ct))).Ready, "waited 30 s for the blind index");
    }
}
