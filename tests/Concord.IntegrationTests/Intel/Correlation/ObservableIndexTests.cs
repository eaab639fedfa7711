using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Observables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>The index holds exactly the observables of the versions stored: not duplicates, not rolled-back imports, not deleted objects.</summary>
public class ObservableIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Index_FollowsStoredVersions_ThroughDuplicatesRollbacksNewVersionsAndDeletes(Store store)
    {
        await using var harness = await IntelHarness.StartAsync(store);
        var org = harness.Directory.AddOrganisation();
        var analyst = IntelHarness.Member(org);
        var a = CorrelationHttp.Indicator("[ipv4-addr:value = '192.0.2.1'] OR [ipv4-addr:value = '192.0.2.0/24']");
        var b = CorrelationHttp.Indicator("[domain-name:value = 'b.example']");
        await harness.ImportAsync(analyst, Bundles.Bundle(a, b));
        Assert.Equal(3, await CountAsync(harness));

        // A re-ingest stores only the new object; its duplicates add nothing to the index.
        var c = CorrelationHttp.Indicator("[url:value = 'http://c.example/x']");
        var again = await harness.ImportAsync(analyst, Bundles.Bundle(a, b, c));
        Assert.Equal((1, 2), (again.Stored, again.Duplicates));
        Assert.Equal(4, await CountAsync(harness));

        // A rejected all-or-nothing import leaves no trace.
        var bad = CorrelationHttp.Indicator("[domain-name:value = 'never.example']");
        bad.Remove("pattern_type");
        var rejected = await harness.ImportAsync(analyst, Bundles.Bundle(CorrelationHttp.Indicator("[domain-name:value = 'rolled-back.example']"), bad));
        Assert.False(rejected.Committed);
        Assert.Equal(4, await CountAsync(harness));

        // A new version is indexed too; lookups answer with it alone.
        var b2 = CorrelationHttp.Indicator("[domain-name:value = 'b2.example']", modified: "2026-06-01T00:00:00.000Z");
        b2["id"] = b.Id();
        await harness.ImportAsync(analyst, Bundles.Bundle(b2));
        Assert.Equal(5, await CountAsync(harness));
        await using (var scope = harness.Node.Services.CreateAsyncScope())
        {
            var correlation = scope.ServiceProvider.GetRequiredService<ICorrelation>();
            var result = (await correlation.LookupAsync(analyst, ["b.example", "b2.example"], CorrelationRequest.Default, Ct)).Value!;
            Assert.Empty(result.Values[0].Reporters);
            Assert.Equal(b.Id(), Assert.Single(Assert.Single(result.Values[1].Reporters).Objects).Id);
        }

        // Deleting an object removes every version's entries.
        Assert.True((await harness.Store.DeleteAsync(analyst, b.Id(), Ct)).IsSuccess);
        Assert.Equal(3, await CountAsync(harness));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Upgrade_FromTheEarlierKeyFormat_RebuildsTheIndexFromTheStoredObjects(Store store)
    {
        await using var harness = await IntelHarness.StartAsync(store);
        var analyst = IntelHarness.Member(harness.Directory.AddOrganisation());
        var a = CorrelationHttp.Indicator("[domain-name:value = 'rebuilt.example'] OR [ipv4-addr:value = '198.51.100.7']");
        var b = CorrelationHttp.Indicator("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");
        await harness.ImportAsync(analyst, Bundles.Bundle(a, b));
        var indexedAtIngest = await EntriesAsync(harness);
        Assert.Equal(3, indexedAtIngest.Count);

        await using (var scope = harness.Node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("SightingsScoresAlerts", Ct);

            // An entry of the earlier format (the kind byte, then the text) that the upgrade must not keep.
            var seq = await db.Objects.Where(o => o.StixId == a.Id()).Select(o => o.Seq).SingleAsync(Ct);
            db.Observables.Add(new IndexedObservable { Key = [(byte)ObservableKind.Domain, .. "rebuilt.example"u8], Seq = seq });
            await db.SaveChangesAsync(Ct);
            await migrator.MigrateAsync(null, Ct);

            // Only the IP entry (its key did not change) survives the migration, and a rebuild is pending.
            var left = Assert.Single(await EntriesAsync(harness));
            Assert.Equal(Convert.ToHexString(ObservableKey.Of(Observable.Parse(ObservableKind.Ipv4Address, "198.51.100.7").Value!)), left.Key);
            Assert.True(await db.FollowerMarks.AnyAsync(m => m.Name == IndexRebuild.Mark, Ct));
        }

        await harness.Node.Services.GetRequiredService<IndexRebuild>().RunAsync(Ct);

        Assert.Equal(indexedAtIngest, await EntriesAsync(harness));
        await using (var scope = harness.Node.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<IntelDbContext>().FollowerMarks.AnyAsync(m => m.Name == IndexRebuild.Mark, Ct));
            var correlation = scope.ServiceProvider.GetRequiredService<ICorrelation>();
            var result = (await correlation.LookupAsync(analyst, ["rebuilt.example", "d41d8cd98f00b204e9800998ecf8427e"], CorrelationRequest.Default, Ct)).Value!;
            Assert.Equal(a.Id(), Assert.Single(Assert.Single(result.Values[0].Reporters).Objects).Id);
            Assert.Equal(b.Id(), Assert.Single(Assert.Single(result.Values[1].Reporters).Objects).Id);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddressLookup_OnANodeStartedOverTheStore_FindsTheNetworksStoredBeforeIt(Store store)
    {
        await using var harness = await IntelHarness.StartAsync(store);
        var analyst = IntelHarness.Member(harness.Directory.AddOrganisation());
        var network = CorrelationHttp.Indicator("[ipv4-addr:value = '203.0.113.0/24']");
        await harness.ImportAsync(analyst, Bundles.Bundle(network));

        // A second process over the same store has not written that prefix length itself: it must read it.
        await using var restarted = await harness.StartOverAsync(store);
        await using var scope = restarted.Services.CreateAsyncScope();
        var result = (await scope.ServiceProvider.GetRequiredService<ICorrelation>().LookupAsync(analyst, ["203.0.113.77"], CorrelationRequest.Default, Ct)).Value!;

        var found = Assert.Single(Assert.Single(result.Values[0].Reporters).Objects);
        Assert.Equal((network.Id(), CorrelationMatch.ContainingNetwork), (found.Id, found.Match));
    }

    /// <summary>The index's entries as (hex key, seq), in order.</summary>
    private static async Task<List<(string Key, long Seq)>> EntriesAsync(IntelHarness harness)
    {
        await using var scope = harness.Node.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<IntelDbContext>().Observables.AsNoTracking().ToListAsync(Ct);
        return rows.Select(r => (Convert.ToHexString(r.Key), r.Seq)).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Seq).ToList();
    }

    private static async Task<int> CountAsync(IntelHarness harness)
    {
        await using var scope = harness.Node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>().Observables.CountAsync(Ct);
    }
}
