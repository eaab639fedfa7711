using Concord.Access;
using Concord.Intel;
using Concord.Intel.Observables.Exclusions;
using Concord.IntegrationTests.Access;
using Concord.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel;

/// <summary>The UI's door to node administration refuses everyone but node admins, before any service acts.</summary>
public class IntelAdministrationTests
{
    [Theory]
    [InlineData(Role.ReadOnly)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.OrgAdmin)]
    [InlineData(Role.Secretariat)]
    public async Task EveryOperation_RefusesAnyoneButANodeAdmin_AndChangesNothing(Role role)
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var scope = node.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IIntelAdministration>();
        var ct = TestContext.Current.CancellationToken;
        var principal = new Principal(PrincipalKind.Member, alliance.OrgId("Alpha"), new HashSet<Guid>(), role, "someone");
        var nodeAdmin = principal with { Role = Role.NodeAdmin };
        var peer = principal with { Kind = PrincipalKind.PeerNode, Role = Role.NodeAdmin };

        foreach (var who in new[] { principal, peer, Principal.Anonymous })
        {
            Assert.Equal(ErrorKind.Forbidden, (await admin.AddExclusionAsync(who, ExclusionKind.Exact, "198.51.100.1", null, ct)).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await admin.ListExclusionsAsync(who, ct)).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await admin.DeleteExclusionAsync(who, Guid.NewGuid(), ct)).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, admin.Warninglists(who).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, admin.ReloadWarninglists(who).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await admin.HealthAsync(who, ct)).Error?.Kind);
        }

        Assert.Empty((await admin.ListExclusionsAsync(nodeAdmin, ct)).Value!);
        Assert.True((await admin.HealthAsync(nodeAdmin, ct)).IsSuccess);
    }
}
