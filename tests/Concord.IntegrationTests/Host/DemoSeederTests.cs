using Concord.Access;
using Concord.Host.Demo;
using Concord.Intel;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Host;

public class DemoSeederTests
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Concord:Demo:Enabled"] = "true", ["Concord:Demo:Indicators"] = "80" };

    [Fact]
    public async Task FirstStart_OnAnEmptyEmbeddedStore_CreatesTheAllianceAndImportsEveryGeneratedObject()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();

        var summary = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(summary);
        Assert.False(string.IsNullOrWhiteSpace(summary.AdminPassword));
        Assert.Equal(DemoAlliance.Organisations.Count, summary.Organisations);
        Assert.Equal(DemoAlliance.Organisations.Sum(o => 1 + o.Analysts.Count), summary.Users);
        Assert.Equal(DemoIntelGenerator.Generate(20261101, 80, node.Time.GetUtcNow()).ObjectCount + 1, summary.ObjectsStored);
        var organisations = await scope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DemoAlliance.Organisations.Select(o => o.Name).Order(), organisations.Select(o => o.Name).Order());
    }

    [Fact]
    public async Task DemoIntel_IsVisibilityTagged_SoAnotherMemberSeesLessThanTheOwner()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        var orgs = await scope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(TestContext.Current.CancellationToken);
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();

        var total = DemoIntelGenerator.Generate(20261101, 80, node.Time.GetUtcNow()).ObjectCount;
        foreach (var org in orgs)
        {
            var reader = new Principal(PrincipalKind.Member, org.Id, new HashSet<Guid>(), Role.Analyst, "test");
            var seen = 0;
            await foreach (var item in store.StreamAsync(reader, new ObjectQuery { Limit = 500 }, TestContext.Current.CancellationToken))
            {
                Assert.True(Visibility.MayRead(reader, item));
                seen++;
            }

            Assert.InRange(seen, 1, total - 1);
        }
    }

    [Fact]
    public async Task DemoMembers_FindHitAlertsInTheirInboxes()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await node.Services.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>().CatchUpAsync(TestContext.Current.CancellationToken);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(TestContext.Current.CancellationToken);

        var inbox = scope.ServiceProvider.GetRequiredService<Concord.Notifications.Data.NotificationsDbContext>().Inbox;
        Assert.True(inbox.Any(i => i.Kind == "hit-alert"), "No demo member has a hit alert in the inbox.");
    }

    [Fact]
    public async Task DemoTeam_FindsARecordNamingItsNetwork_InItsInbox()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await node.Services.GetRequiredService<Concord.Teams.Features.Routing.RoutingFollower>().CatchUpAsync(TestContext.Current.CancellationToken);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(TestContext.Current.CancellationToken);

        var team = DemoAlliance.Get(DemoTeams.RoutedTeam);
        var directory = scope.ServiceProvider.GetRequiredService<IAccessDirectory>();
        var organisation = (await directory.ListOrganisationsAsync(TestContext.Current.CancellationToken)).Single(o => o.Name == team.Name).Id;
        var members = await directory.ListMembersAsync(organisation, Role.ReadOnly, TestContext.Current.CancellationToken);
        var analyst = members.Single(m => m.UserName == DemoAlliance.Login(team, team.Analysts[0])).UserId;
        var inbox = scope.ServiceProvider.GetRequiredService<Concord.Notifications.Data.NotificationsDbContext>().Inbox;
        Assert.True(
            inbox.Any(i => i.UserId == analyst && i.Kind == "constituency-hit" && i.Title.Contains(DemoTeams.RoutedAddress)),
            "The demo team's analyst was not told of the record naming its network.");
    }

    [Fact]
    public async Task DemoTeams_AnswerWhoseIsThis_ForTheDemosOwnAddresses()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        var orgs = await scope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(TestContext.Current.CancellationToken);
        var reader = new Principal(PrincipalKind.Member, orgs[0].Id, new HashSet<Guid>(), Role.ReadOnly, "test");
        var teams = scope.ServiceProvider.GetRequiredService<Concord.Teams.ITeamDirectory>();

        // The health ISAC's range lies inside the telecom partner's: the ISAC is the team to call, the partner follows.
        var answer = (await teams.WhoseAsync(reader, "203.0.113.170", TestContext.Current.CancellationToken)).Value!;
        Assert.Equal(["Fjordland Health ISAC (demo)", "Atlas Telecom Security (demo partner)"], answer.Teams.Select(t => t.Name));
        Assert.True(answer.Teams[0].Primary);
        var profiles = (await teams.ListAsync(reader, new Concord.Teams.TeamQuery(), TestContext.Current.CancellationToken)).Value!;
        Assert.All(profiles, p => Assert.NotEmpty(p.Networks));
    }

    [Fact]
    public async Task SecondStart_OrADisabledDemo_CreatesNothing()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken);

        Assert.Null(await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken));

        await using var off = await TestNode.StartAsync(Store.Sqlite);
        await using var offScope = off.Services.CreateAsyncScope();
        Assert.Null(await offScope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await offScope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PostgresStore_NeverGetsTheDemo()
    {
        await using var node = await TestNode.StartAsync(Store.Postgres, DemoOn);
        await using var scope = node.Services.CreateAsyncScope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken));
    }
}
