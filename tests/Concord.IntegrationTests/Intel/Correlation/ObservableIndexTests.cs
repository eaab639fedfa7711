using Concord.Intel;
using Microsoft.EntityFrameworkCore;
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

    private static async Task<int> CountAsync(IntelHarness harness)
    {
        await using var scope = harness.Node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>().Observables.CountAsync(Ct);
    }
}
