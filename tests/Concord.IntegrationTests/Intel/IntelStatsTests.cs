using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Web;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel;

/// <summary>The dashboard aggregates count only what the principal may read: a hidden object is not even a number.</summary>
public class IntelStatsTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Overview_ForAnotherMember_LeavesOutTheOwnersAmberObject(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        await DashboardData.SeedAsync(node, alliance);

        var charlie = await OverviewAsync(node, alliance, "Charlie");
        var bravo = await OverviewAsync(node, alliance, "Bravo");

        Assert.Equal(DashboardData.AlphaShared, charlie.Added);
        Assert.Equal([new CountOf<Tlp>(Tlp.Green, DashboardData.AlphaShared)], charlie.ByTlp);
        Assert.DoesNotContain(charlie.TopOwners, o => o.Key == alliance.OrgId("Bravo"));
        Assert.DoesNotContain(charlie.Recent, o => o.Name == DashboardData.Secret);
        Assert.Equal(DashboardData.AlphaShared + 1, bravo.Added);
        Assert.Contains(new CountOf<Tlp>(Tlp.Amber, 1), bravo.ByTlp);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Overview_CountsTechniquesAndDays(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await DashboardData.SeedAsync(node, alliance);

        var overview = await OverviewAsync(node, alliance, "Bravo", days: 7);

        var technique = Assert.Single(overview.TopTechniques);
        Assert.Equal(("T1566.001", "Spearphishing Attachment", 2L), (technique.ExternalId, technique.Name, technique.Count));
        Assert.Equal(7, overview.Activity.Count);
        Assert.Equal(DateOnly.FromDateTime(node.Time.GetUtcNow().UtcDateTime), overview.Activity[^1].Day);
        Assert.Equal(overview.Added, overview.Activity[^1].Count);
        Assert.Equal(["indicator", "relationship", "attack-pattern"], overview.TopTypes.Select(t => t.Key));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Overview_NamesTheReporterOfAnAnonymousSighting_ToTheReporterOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store, Sightings.SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = Sightings.SightingHttp.Indicator(confidence: 100);
        await Sightings.SightingHttp.ImportAsync(alpha, indicator);
        var sighting = await Sightings.SightingHttp.SightOkAsync(bravo, new { sighting_of = indicator["id"]!.GetValue<string>(), tlp = "green", anonymous = true });
        var bravoId = alliance.OrgId("Bravo");

        foreach (var (reader, isReporter) in new[] { ("Alpha", false), ("Charlie", false), ("Bravo", true) })
        {
            var overview = await OverviewAsync(node, alliance, reader);
            Assert.Equal(isReporter, overview.TopOwners.Any(o => o.Key == bravoId));
            var recent = Assert.Single(overview.Recent, o => o.StixId == sighting);
            Assert.Equal(isReporter ? bravoId : null, recent.OwnerOrgId);
        }
    }

    [Fact]
    public async Task Overview_ForAnonymous_CountsNothingThatIsNotPublic()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await DashboardData.SeedAsync(node, alliance);
        await using var scope = node.Services.CreateAsyncScope();

        var overview = await scope.ServiceProvider.GetRequiredService<IIntelStats>().OverviewAsync(Principal.Anonymous, 30, CancellationToken.None);

        Assert.Equal(0, overview.Added);
        Assert.Empty(overview.Recent);
        Assert.Empty(overview.TopTechniques);
    }

    private static async Task<IntelOverview> OverviewAsync(TestNode node, TestAlliance alliance, string organisation, int days = 30)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>()
            .ForOrganisationAsync(alliance.OrgId(organisation), Role.Analyst, "stats-test", CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<IIntelStats>().OverviewAsync(principal, days, CancellationToken.None);
    }
}
