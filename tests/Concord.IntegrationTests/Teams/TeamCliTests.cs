using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;

namespace Concord.IntegrationTests.Teams;

/// <summary><c>concord team show</c>, <c>concord team routing</c> and <c>concord team person export|erase</c> on the node's own store.</summary>
public class TeamCliTests
{
    [Fact]
    public async Task Team_ShowExportAndErase_OnTheCommandLine()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        var email = TeamPeopleTests.Email("Energy", Role.Analyst);
        var person = await TeamPeopleTests.AddAsync(alliance, email);
        var org = alliance.OrgId("Energy").ToString();

        var show = await CliRunner.RunAsync(node, "team", "show", org);
        var export = await CliRunner.RunAsync(node, "team", "person", "export", org, email);
        var erase = await CliRunner.RunAsync(node, "team", "person", "erase", org, person.ToString());
        var again = await CliRunner.RunAsync(node, "team", "person", "export", org, email);
        var after = await CliRunner.RunAsync(node, "team", "show", org, "--json");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Kadri Tamm-Saarepuu", show.Out, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(person, JsonDocument.Parse(export.Out).RootElement.GetProperty("person").GetProperty("id").GetGuid());
        Assert.True(erase.ExitCode == 0, erase.ToString());
        Assert.True(again.ExitCode == 3, again.ToString());
        Assert.Equal(0, JsonDocument.Parse(after.Out).RootElement.GetProperty("people").GetArrayLength());
        Assert.DoesNotContain(email, await TeamPeopleTests.TableTextAsync(node, "access_audit"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Team_Routing_ShownAndChangedOnTheCommandLine()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        var org = alliance.OrgId("Energy").ToString();

        var before = await CliRunner.RunAsync(node, "team", "routing", org);
        var optOut = await CliRunner.RunAsync(node, "team", "routing", org, "--opt-out", "sighting");
        var unknown = await CliRunner.RunAsync(node, "team", "routing", org, "--opt-out", "gossip");
        var both = await CliRunner.RunAsync(node, "team", "routing", org, "--opt-out", "object", "--route-all");
        var after = await CliRunner.RunAsync(node, "team", "routing", org);
        var back = await CliRunner.RunAsync(node, "team", "routing", org, "--route-all");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Matches(@"object\s+routed", before.Out);
        Assert.Matches(@"sighting\s+routed", before.Out);
        Assert.True(optOut.ExitCode == 0, optOut.ToString());
        Assert.Matches(@"sighting\s+opted out", optOut.Out);
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("'gossip' is not a routing kind", unknown.Error, StringComparison.Ordinal);
        Assert.True(both.ExitCode == 2, both.ToString());
        Assert.Matches(@"object\s+routed", after.Out);
        Assert.Matches(@"sighting\s+opted out", after.Out);
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Matches(@"sighting\s+routed", back.Out);
    }
}
