using System.Net;
using System.Security.Claims;
using Concord.Access;
using Concord.Access.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

public class AudienceTests
{
    private static ClaimsPrincipal MemberOf(Guid organisation, Role role = Role.Analyst) => new(new ClaimsIdentity(
    [
        new Claim(AccessClaims.Subject, Guid.NewGuid().ToString()),
        new Claim(AccessClaims.Kind, AccessClaims.KindApiKey),
        new Claim(AccessClaims.Organisation, organisation.ToString()),
        new Claim(AccessClaims.Role, ((int)role).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], "test"));

    private static async Task<Principal> ResolveAsync(TestNode node, Guid organisation)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>().ResolveAsync(MemberOf(organisation), AccessHttp.Ct);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResolveRecipients_SameSetOfOrganisations_MapsToOneAudience(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");

        var first = await alliance.RecipientsAudienceAsync("Alpha", "Bravo", "Charlie");
        var reordered = await alliance.RecipientsAudienceAsync("Alpha", "Charlie", "Bravo", "Bravo");
        var ownerListed = await alliance.RecipientsAudienceAsync("Alpha", "Alpha", "Bravo", "Charlie");
        var fromBravo = await alliance.RecipientsAudienceAsync("Bravo", "Alpha", "Charlie");
        var smaller = await alliance.RecipientsAudienceAsync("Alpha", "Bravo");

        Assert.Equal(first, reordered);
        Assert.Equal(first, ownerListed);
        Assert.Equal(first, fromBravo);
        Assert.NotEqual(first, smaller);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResolveRecipients_UnknownOrNoRecipients_IsAValidationError(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var scope = node.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IAccessDirectory>();

        var unknown = await directory.ResolveRecipientsAsync(alliance.OrgId("Alpha"), [Guid.NewGuid()], AccessHttp.Ct);
        var none = await directory.ResolveRecipientsAsync(alliance.OrgId("Alpha"), [], AccessHttp.Ct);

        Assert.Equal(("recipients", "unknown-organisation"), (unknown.Error?.Field, unknown.Error?.Rule));
        Assert.Equal(("recipients", "required"), (none.Error?.Field, none.Error?.Rule));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Principal_AudienceIds_FollowGroupMembershipAtOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team");
        var bravo = alliance.OrgId("Bravo");
        Assert.DoesNotContain(group, (await ResolveAsync(node, bravo)).AudienceIds);
        Assert.Contains(group, (await ResolveAsync(node, alliance.OrgId("Alpha"))).AudienceIds);

        await alliance.AddGroupMemberAsync(group, "Bravo");
        Assert.Contains(group, (await ResolveAsync(node, bravo)).AudienceIds);

        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/sharing-groups/{group}/members/{bravo}", AccessHttp.Ct)).StatusCode);
        Assert.DoesNotContain(group, (await ResolveAsync(node, bravo)).AudienceIds);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Principal_AudienceIds_IncludeNewRecipientListsAtOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var charlie = alliance.OrgId("Charlie");
        Assert.Empty((await ResolveAsync(node, charlie)).AudienceIds);

        var audience = await alliance.RecipientsAudienceAsync("Alpha", "Charlie");

        var principal = await ResolveAsync(node, charlie);
        Assert.Contains(audience, principal.AudienceIds);
        Assert.DoesNotContain(audience, (await ResolveAsync(node, alliance.OrgId("Bravo"))).AudienceIds);
        Assert.True(Visibility.MayRead(principal, new ShareableRecord(alliance.OrgId("Alpha"), Stix.Tlp.Red, Scope.Recipients, audience)));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResolveSharingGroup_OnlyForAMemberOwner(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team");
        await using var scope = node.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IAccessDirectory>();

        Assert.Equal(group, (await directory.ResolveSharingGroupAsync(alliance.OrgId("Alpha"), group, AccessHttp.Ct)).Value);
        var outsider = await directory.ResolveSharingGroupAsync(alliance.OrgId("Bravo"), group, AccessHttp.Ct);
        var missing = await directory.ResolveSharingGroupAsync(alliance.OrgId("Alpha"), Guid.NewGuid(), AccessHttp.Ct);
        Assert.Equal("unknown-sharing-group", outsider.Error?.Rule);
        Assert.Equal("unknown-sharing-group", missing.Error?.Rule);

        // A recipient list's audience is not a sharing group, even for its members.
        var recipients = await alliance.RecipientsAudienceAsync("Alpha", "Bravo");
        Assert.Equal("unknown-sharing-group", (await directory.ResolveSharingGroupAsync(alliance.OrgId("Alpha"), recipients, AccessHttp.Ct)).Error?.Rule);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Principal_ForAnOrganisationsKey_CarriesOrganisationRoleAndAudiences(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team");

        var principal = await ResolveAsync(node, alliance.OrgId("Alpha"));

        Assert.Equal(PrincipalKind.Member, principal.Kind);
        Assert.Equal(alliance.OrgId("Alpha"), principal.OrganisationId);
        Assert.Equal(Role.Analyst, principal.Role);
        Assert.Contains(group, principal.AudienceIds);
        Assert.Same(Principal.Anonymous, await ResolveAnonymousAsync(node));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForOrganisation_MatchesWhatTheOrganisationsUsersResolveTo(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Bravo", "Tiger team", "Alpha");
        await using var scope = node.Services.CreateAsyncScope();

        var principal = await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>()
            .ForOrganisationAsync(alliance.OrgId("Alpha"), Role.Analyst, "concord-cli", AccessHttp.Ct);

        Assert.Equal(alliance.OrgId("Alpha"), principal.OrganisationId);
        Assert.Equal(PrincipalKind.Member, principal.Kind);
        Assert.Equal((await ResolveAsync(node, alliance.OrgId("Alpha"))).AudienceIds.Order(), principal.AudienceIds.Order());
        Assert.Contains(group, principal.AudienceIds);
    }

    private static async Task<Principal> ResolveAnonymousAsync(TestNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>().ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity()), AccessHttp.Ct);
    }
}
