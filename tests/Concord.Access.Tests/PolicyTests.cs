using System.Globalization;
using System.Security.Claims;
using Concord.Access.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Access.Tests;

public class PolicyTests
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAccess(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    private static ClaimsPrincipal Caller(Role role, bool organisation = true, bool mustChangePassword = false)
    {
        var claims = new List<Claim>
        {
            new(AccessClaims.Subject, Guid.NewGuid().ToString()),
            new(AccessClaims.Kind, AccessClaims.KindUser),
            new(AccessClaims.Role, ((int)role).ToString(CultureInfo.InvariantCulture)),
        };
        if (organisation)
        {
            claims.Add(new Claim(AccessClaims.Organisation, Guid.NewGuid().ToString()));
        }

        if (mustChangePassword)
        {
            claims.Add(new Claim(AccessClaims.MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static async Task<bool> AllowsAsync(ClaimsPrincipal user, string policy) =>
        (await Authorization.AuthorizeAsync(user, policy)).Succeeded;

    [Theory]
    [InlineData(AccessPolicies.Member, Role.ReadOnly)]
    [InlineData(AccessPolicies.Analyst, Role.Analyst)]
    [InlineData(AccessPolicies.OrgAdmin, Role.OrgAdmin)]
    [InlineData(AccessPolicies.Secretariat, Role.Secretariat)]
    [InlineData(AccessPolicies.NodeAdmin, Role.NodeAdmin)]
    public async Task Policy_AllowsExactlyTheRolesFromItsMinimumUp(string policy, Role minimum)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.Equal(role >= minimum, await AllowsAsync(Caller(role), policy));
        }
    }

    [Theory]
    [InlineData(AccessPolicies.Member)]
    [InlineData(AccessPolicies.Analyst)]
    [InlineData(AccessPolicies.NodeAdmin)]
    public async Task Policy_UserWhoMustChangePassword_IsRefused(string policy) =>
        Assert.False(await AllowsAsync(Caller(Role.NodeAdmin, mustChangePassword: true), policy));

    [Fact]
    public async Task Policy_AnonymousOrForeignIdentity_IsRefused()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var foreign = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "other-scheme"));
        foreach (var policy in new[] { AccessPolicies.Member, AccessPolicies.Analyst, AccessPolicies.NodeAdmin })
        {
            Assert.False(await AllowsAsync(anonymous, policy));
            Assert.False(await AllowsAsync(foreign, policy));
        }
    }

    [Fact]
    public async Task Analyst_NodeAdminWithoutOrganisation_IsRefusedButStillAdministers()
    {
        var admin = Caller(Role.NodeAdmin, organisation: false);
        Assert.False(await AllowsAsync(admin, AccessPolicies.Analyst));
        Assert.True(await AllowsAsync(admin, AccessPolicies.NodeAdmin));
        Assert.True(await AllowsAsync(admin, AccessPolicies.Member));
    }

    [Fact]
    public async Task DefaultPolicy_IsMember()
    {
        var policy = await new ServiceCollection().AddLogging().AddAccess(new ConfigurationBuilder().Build()).BuildServiceProvider()
            .GetRequiredService<IAuthorizationPolicyProvider>().GetDefaultPolicyAsync();
        Assert.True((await Authorization.AuthorizeAsync(Caller(Role.ReadOnly), null, policy)).Succeeded);
        Assert.False((await Authorization.AuthorizeAsync(Caller(Role.Analyst, mustChangePassword: true), null, policy)).Succeeded);
    }
}
