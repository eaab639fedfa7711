using System.Text.Json;
using Concord.Access;
using Concord.Host.Demo;
using Concord.Intel;
using Concord.Stix;
using Concord.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Host;

/// <summary>The seeded demo on a node: a 90-day history in the store's own dates, live scores, and ATT&amp;CK on top of it.</summary>
public class DemoOnNodeTests
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Concord:Demo:Enabled"] = "true", ["Concord:Demo:Indicators"] = "150" };

    [Fact]
    public async Task Seeding_DatesWhatTheStoreAdded_OverTheNinetyDaysBeforeTheFirstStart()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        var start = node.Time.GetUtcNow();
        await using var scope = node.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        var reader = await ReaderAsync(scope, "baltic");

        var added = new List<DateTimeOffset>();
        await foreach (var item in scope.ServiceProvider.GetRequiredService<IIntelStore>().StreamAsync(reader, new ObjectQuery { Limit = 500 }, ct))
        {
            added.Add(item.DateAdded);
        }

        Assert.All(added, at => Assert.InRange(at, start.AddDays(-DemoIntelGenerator.HistoryDays), node.Time.GetUtcNow()));
        var overview = await scope.ServiceProvider.GetRequiredService<IIntelStats>().OverviewAsync(reader, 90, ct);
        var busyDays = overview.Activity.Count(d => d.Count > 0);
        Assert.True(busyDays >= 30, $"objects were added on {busyDays} of the last 90 days only");
        Assert.True(overview.Activity[^1].Count < overview.Added / 4, "most of the demo was added on the seeding day");
    }

    [Fact]
    public async Task Seeding_LeavesIndicatorsWithLiveScoresThatDiffer()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        var reader = await ReaderAsync(scope, "savanna");

        var scored = await scope.ServiceProvider.GetRequiredService<IIntelStore>()
            .QueryAsync(reader, new ObjectQuery { Type = "indicator", MinScore = 1, Limit = 500 }, ct);

        Assert.True(scored.Items.Count >= 20, $"only {scored.Items.Count} indicators score at least 1");
        Assert.True(scored.Items.Select(i => Math.Round(i.Score!.Value)).Distinct().Count() >= 5, "the scores do not decay with age");
    }

    [Fact]
    public async Task AttackImportOnTopOfTheDemo_LeavesOneSpearphishingAttachment_UnderAttacksId()
    {
        var attack = SharedData.Path("attack", "enterprise-attack-18.1.reconstructed.json");
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();

        // As the README's tour does: Savanna CERT imports ATT&CK for everyone.
        await using (var bundle = File.OpenRead(attack))
        {
            var imported = await store.ImportAsync(await ReaderAsync(scope, "savanna"), bundle, new ImportOptions { Tlp = Tlp.Clear, Scope = Scope.Public }, null, ct);
            Assert.True(imported.IsSuccess, imported.Error?.Message);
        }

        var reader = await ReaderAsync(scope, "andes");
        var found = await store.QueryAsync(reader, new ObjectQuery { Type = "attack-pattern", Text = "Spearphishing Attachment", Limit = 100 }, ct);
        var named = found.Items.Where(i => MitreId(i) == "T1566.001").ToList();
        Assert.NotEmpty(named);
        Assert.Equal(["attack-pattern--2e34237d-8574-43f6-aace-ae2915de8597"], named.Select(i => i.Id).Distinct());

        var techniques = (await scope.ServiceProvider.GetRequiredService<IIntelStats>().OverviewAsync(reader, 90, ct)).TopTechniques;
        Assert.Equal(techniques.Count, techniques.Select(t => t.ExternalId).Distinct().Count());
    }

    private static string? MitreId(StoredStixObject o) =>
        JsonDocument.Parse(o.Json).RootElement.TryGetProperty("external_references", out var refs)
            ? refs.EnumerateArray().Where(r => r.GetProperty("source_name").GetString() == "mitre-attack")
                .Select(r => r.TryGetProperty("external_id", out var e) ? e.GetString() : null).FirstOrDefault()
            : null;

    private static async Task<Principal> ReaderAsync(AsyncServiceScope scope, string demoKey)
    {
        var name = DemoAlliance.Get(demoKey).Name;
        var org = (await scope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(CancellationToken.None)).Single(o => o.Name == name);
        return await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>().ForOrganisationAsync(org.Id, Role.Analyst, "demo-tests", CancellationToken.None);
    }
}
