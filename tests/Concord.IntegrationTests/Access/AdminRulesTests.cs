using Concord.Access;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Admin;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

/// <summary>
/// Administration authorises in one place (<see cref="AdminRules"/>): the services refuse a caller whose role is too
/// low however it reaches them — not only behind the REST policies — and the REST policies are the same rule.
/// </summary>
public class AdminRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Services_CalledDirectlyByANonAdmin_RefuseAndChangeNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var org = alliance.OrgId("Alpha");
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var analyst = new Caller(analystId, null, org, Role.Analyst);
        await using var scope = node.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AccessDbContext>();
        var (users, organisations, groups) = (await db.Users.CountAsync(Ct), await db.Organisations.CountAsync(Ct), await db.Audiences.CountAsync(Ct));

        Error?[] refusals =
        [
            (await services.GetRequiredService<UserService>().CreateAsync(analyst, new NewUser("mallory", org, Role.ReadOnly), Ct)).Error,
            (await services.GetRequiredService<UserService>().ListAsync(analyst, null, Ct)).Error,
            (await services.GetRequiredService<UserService>().ResetPasswordAsync(analyst, analystId, Ct)).Error,
            (await services.GetRequiredService<OrganisationService>().CreateAsync(analyst, new NewOrganisation("Mallory CERT", "DE", OrganisationType.GovernmentAgency), Ct)).Error,
            (await services.GetRequiredService<OrganisationService>().UpdateAsync(analyst, org, new OrganisationChanges(DefaultTlp: Tlp.Red), Ct)).Error,
            (await services.GetRequiredService<SharingGroupService>().CreateAsync(analyst, new NewSharingGroup(org, "Mallory's group"), Ct)).Error,
            (await services.GetRequiredService<PeerNodeService>().ListAsync(analyst, Ct)).Error,
            (await services.GetRequiredService<PeerNodeService>().CreateAsync(analyst, "mallory-node", Ct)).Error,
        ];

        Assert.All(refusals, e => Assert.Equal(("insufficient-role", ErrorKind.Forbidden), (e?.Rule, e?.Kind)));
        Assert.Equal((users, organisations, groups), (await db.Users.CountAsync(Ct), await db.Organisations.CountAsync(Ct), await db.Audiences.CountAsync(Ct)));
        Assert.Equal(Tlp.Amber, (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == org, Ct)).DefaultTlp);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Services_RefuseACallerWhoIsNotASignedInMember_WhateverItsRoleClaim(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await using var scope = node.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<IAccessManagement>();
        var anonymous = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        var peer = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(AccessClaims.Kind, AccessClaims.KindPeerNode), new(AccessClaims.Role, ((int)Role.NodeAdmin).ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));

        Assert.Equal("authentication-required", (await management.ListPeerNodesAsync(anonymous, Ct)).Error?.Rule);
        Assert.Equal("authentication-required", (await management.ListPeerNodesAsync(peer, Ct)).Error?.Rule);
        Assert.Equal("authentication-required", (await management.CreateOrganisationAsync(peer, new NewOrganisation("Peer CERT", "DE", OrganisationType.GovernmentAgency), Ct)).Error?.Rule);
    }

    [Fact]
    public void EveryOperation_HasOneLeastRole_AndItsEndpointPolicyDemandsExactlyThatRole()
    {
        foreach (var operation in Enum.GetValues<AdminOperation>())
        {
            var least = AdminRules.Least(operation);
            Assert.Null(AdminRules.Check(new Caller(Guid.NewGuid(), null, Guid.NewGuid(), least), operation));
            if (least > Role.ReadOnly)
            {
                Assert.Equal("insufficient-role", AdminRules.Check(new Caller(Guid.NewGuid(), null, Guid.NewGuid(), least - 1), operation)?.Rule);
            }

            Assert.Equal(least switch
            {
                Role.ReadOnly => AccessPolicies.Member,
                Role.Analyst => AccessPolicies.Analyst,
                Role.OrgAdmin => AccessPolicies.OrgAdmin,
                Role.Secretariat => AccessPolicies.Secretariat,
                _ => AccessPolicies.NodeAdmin,
            }, AdminRules.Policy(operation));
        }
    }
}
