using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel.Stats;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Concord.IntegrationTests.Intel.Search;

/// <summary>
/// A store from before the text index and the count tables gets both, filled from what it holds, on upgrade (and, going
/// down, every later form of the index is taken back to the first and then up again to the reach-qualified one).
/// </summary>
public class SearchMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Upgrade_OfAStoreFromBeforeTheIndex_BackfillsSearchAndDashboardCounts(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(reader, SearchData.AttackPhishing());
        var labelled = Bundles.Indicator(name: "Relay", labels: ["apt-28", "quokka-net"], tlp: Tlp.Green);
        await h.ImportAsync(reader, Bundles.Bundle(labelled));
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var hidden = Bundles.Indicator(name: "Hidden relay", labels: ["quokka-net"], tlp: Tlp.Amber);
        await h.ImportAsync(other, Bundles.Bundle(hidden), new ImportOptions { Scope = Scope.Owner });
        var migrations = h.Db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_SearchIndexAndCounts", StringComparison.Ordinal)) - 1];

        await h.Db.GetService<IMigrator>().MigrateAsync(previous, Ct);
        Assert.DoesNotContain(await h.Db.Database.GetAppliedMigrationsAsync(Ct), m => m.EndsWith("_SearchIndexAndCounts", StringComparison.Ordinal));
        await using (await h.StartOverAsync(store))
        {
            var found = await SearchData.SearchAsync(h, reader, "T1566", limit: 5);
            var byLabel = await h.Store.QueryAsync(reader, new ObjectQuery { Label = "apt-28" }, Ct);
            var byWord = await SearchData.SearchAsync(h, reader, "quokka");

            Assert.Equal("Phishing", System.Text.Json.JsonDocument.Parse(found[0].Json).RootElement.GetProperty("name").GetString());
            Assert.True(found.Count > 10);
            Assert.Equal([SearchData.IdOf(labelled)], byLabel.Items.Select(o => o.Id));
            Assert.Equal([SearchData.IdOf(labelled)], byWord.Select(o => o.Id));
            Assert.Equal(new[] { SearchData.IdOf(hidden), SearchData.IdOf(labelled) }.Order(), (await SearchData.SearchAsync(h, other, "quokka")).Select(o => o.Id).Order());
            await CountTests.AssertMatchesAsync(h, [reader, Principal.Anonymous]);
        }
    }
}
