using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Web;

/// <summary>Data for UI tests, put in through the modules' public services as the node itself would.</summary>
public static class WebData
{
    /// <summary>Imports <paramref name="bundle"/> as an analyst of <paramref name="organisation"/>; fails the test if anything is rejected.</summary>
    public static async Task ImportAsync(TestNode node, TestAlliance alliance, string organisation, string bundle, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(alliance);
        await using var scope = node.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>()
            .ForOrganisationAsync(alliance.OrgId(organisation), Role.Analyst, "ui-tests", CancellationToken.None);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bundle));
        var imported = await scope.ServiceProvider.GetRequiredService<IIntelStore>().ImportAsync(principal, stream, options, null, CancellationToken.None);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.Equal(0, imported.Value!.Rejected);
    }

    /// <summary>Creates a user with a generated one-time password (which must be changed at first sign-in) and returns it.</summary>
    public static async Task<string> UserWithOneTimePasswordAsync(TestNode node, string userName, Guid? organisationId, Role role)
    {
        ArgumentNullException.ThrowIfNull(node);
        await using var scope = node.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IAccessAdmin>()
            .CreateUserAsync(new NewUser(userName, organisationId, role), CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value!.OneTimePassword!;
    }
}
