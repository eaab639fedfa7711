using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;

namespace Concord.IntegrationTests.Teams;

/// <summary><c>concord team show</c> and <c>concord team person export|erase</c> on the node's own store.</summary>
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
}
