using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Cli;

/// <summary>A sharing-group change made with the command line (another process on the store) applies to a running node's very next read.</summary>
public class CliGroupChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GroupMemberRemovedAndAddedByTheCli_ReachesTheRunningNodesNextRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var indicator = Bundles.Indicator(tlp: Tlp.Amber);
        using (var imported = await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportAsync(Bundles.Bundle(indicator), $"sharing_group={group}"))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var url = $"/api/v1/objects/{indicator["id"]}";
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync(url, Ct)).StatusCode);

        var removed = await CliRunner.RunAsync(node, "admin", "group", "remove-member", group.ToString(), "--org", "Bravo");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync(url, Ct)).StatusCode);

        var added = await CliRunner.RunAsync(node, "admin", "group", "add-member", group.ToString(), "--org", "Bravo");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal(HttpStatusCode.OK, (await bravo.GetAsync(url, Ct)).StatusCode);
    }
}
