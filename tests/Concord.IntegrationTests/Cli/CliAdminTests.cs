using Concord.Access;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Cli;

public class CliAdminTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgCreate_PrintsTheIdAndListShowsTheOrganisation(Store store)
    {
        await using var node = await TestNode.StartAsync(store);

        var created = await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "ke", "--type", "public-body", "--sector", "national CSIRT");
        var list = await CliRunner.RunAsync(node, "admin", "org", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(Guid.TryParse(created.Out.Trim(), out var id), created.ToString());
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(id.ToString(), list.Out, StringComparison.Ordinal);
        Assert.Contains("Lagoon CERT", list.Out, StringComparison.Ordinal);
        Assert.Contains("public-body", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgUpdate_ChangesOnlyTheGivenFields_AndRefusesABadCountry(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE", "--sector", "national CSIRT");

        var updated = await CliRunner.RunAsync(node, "admin", "org", "update", "lagoon cert", "--name", "Lagoon CSIRT", "--default-tlp", "green");
        var refused = await CliRunner.RunAsync(node, "admin", "org", "update", "Lagoon CSIRT", "--country", "XX");

        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Contains("Lagoon CSIRT", updated.Error, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("iso-3166-1-alpha-2", refused.Error, StringComparison.Ordinal);
        await using var scope = node.Services.CreateAsyncScope();
        var organisation = Assert.Single(await scope.ServiceProvider.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("Lagoon CSIRT", "KE", "national CSIRT", Tlp.Green), (organisation.Name, organisation.Country, organisation.Sector, organisation.DefaultTlp));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UserCreateAndResetPassword_PrintOnlyTheOneTimePasswordOnStdout(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");

        var created = await CliRunner.RunAsync(node, "admin", "user", "create", "ana@lagoon.example", "--org", "lagoon cert", "--role", "analyst");
        var reset = await CliRunner.RunAsync(node, "admin", "user", "reset-password", "ana@lagoon.example");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(reset.ExitCode == 0, reset.ToString());
        var first = Assert.Single(created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var second = Assert.Single(reset.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.NotEqual(first.Trim(), second.Trim());
        Assert.Contains("one-time password", created.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UserCreate_ForAnUnknownOrganisation_FailsWithExitCodeOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store);

        var run = await CliRunner.RunAsync(node, "admin", "user", "create", "ana@nowhere.example", "--org", "Nowhere CERT");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Nowhere CERT", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GroupCreateAndAddMember_BuildTheSharingGroup(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "org", "create", "Delta CSIRT", "--country", "NG");
        await CliRunner.RunAsync(node, "admin", "org", "create", "Reef Agency", "--country", "FJ");

        var created = await CliRunner.RunAsync(node, "admin", "group", "create", "West coast", "--owner", "Lagoon CERT", "--member", "Delta CSIRT");
        Assert.True(created.ExitCode == 0, created.ToString());
        var added = await CliRunner.RunAsync(node, "admin", "group", "add-member", created.Out.Trim(), "--org", "Reef Agency");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("3 member organisation(s)", added.Error, StringComparison.Ordinal);

        var removed = await CliRunner.RunAsync(node, "admin", "group", "remove-member", created.Out.Trim(), "--org", "Delta CSIRT");
        var renamed = await CliRunner.RunAsync(node, "admin", "group", "rename", created.Out.Trim(), "West Africa coast");
        var deleted = await CliRunner.RunAsync(node, "admin", "group", "delete", created.Out.Trim());
        var again = await CliRunner.RunAsync(node, "admin", "group", "delete", created.Out.Trim());

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("2 member organisation(s)", removed.Error, StringComparison.Ordinal);
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Contains("West Africa coast", renamed.Error, StringComparison.Ordinal);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(1, again.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiKeyCreate_PrintsAKeyTheNodeAccepts(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "user", "create", "ana@lagoon.example", "--org", "Lagoon CERT");

        var run = await CliRunner.RunAsync(node, "admin", "apikey", "create", "--user", "ana@lagoon.example", "--name", "SIEM feed");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", run.Out.Trim());
        var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PeerCreateListRevoke_PrintsAKeyThePeerReadsWith_UntilRevoked(Store store)
    {
        await using var node = await TestNode.StartAsync(store);

        var created = await CliRunner.RunAsync(node, "admin", "peer", "create", "cert-ke.example");
        var duplicate = await CliRunner.RunAsync(node, "admin", "peer", "create", "cert-ke.example");
        var list = await CliRunner.RunAsync(node, "admin", "peer", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("cert-ke.example\t", list.Out, StringComparison.Ordinal);
        Assert.Contains("\tactive\t", list.Out, StringComparison.Ordinal);
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Out.Trim());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/v1/objects", TestContext.Current.CancellationToken)).StatusCode);

        var revoked = await CliRunner.RunAsync(node, "admin", "peer", "revoke", "cert-ke.example");
        var unknown = await CliRunner.RunAsync(node, "admin", "peer", "revoke", "nowhere.example");

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("\trevoked\t", (await CliRunner.RunAsync(node, "admin", "peer", "list")).Out, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/objects", TestContext.Current.CancellationToken)).StatusCode);
    }
}
