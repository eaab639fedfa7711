using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Sightings;

namespace Concord.IntegrationTests.Cli;

/// <summary><c>concord sighting</c> (local and remote) and <c>concord export --min-score</c>.</summary>
public class CliSightingTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SightingAndExport_Locally_RecordTheSightingAndFilterByScore(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");

        // The CLI's local node runs on the real clock: indicators made "now" score their base.
        var now = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var strong = Indicator(90, "192.0.2.10", now);
        var weak = Indicator(20, "192.0.2.11", now);
        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundles.Bundle(strong, weak)), "--org", "Lagoon CERT", "--tlp", "green");
        Assert.True(import.ExitCode == 0, import.ToString());

        var sighting = await CliRunner.RunAsync(node, "sighting", "192.0.2[.]10", "--org", "Lagoon CERT", "--count", "4", "--tlp", "green");
        Assert.True(sighting.ExitCode == 0, sighting.ToString());
        Assert.StartsWith("sighting--", sighting.Out.Trim(), StringComparison.Ordinal);

        var none = await CliRunner.RunAsync(node, "sighting", "192.0.2.99", "--org", "Lagoon CERT");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("192.0.2.99", none.Error, StringComparison.Ordinal);
        var both = await CliRunner.RunAsync(node, "sighting", "192.0.2.10", "--false-positive", "--expiration", "--org", "Lagoon CERT");
        Assert.Equal(2, both.ExitCode);

        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--min-score", "50");
        Assert.True(export.ExitCode == 0, export.ToString());
        using var bundle = JsonDocument.Parse(export.OutBytes);
        Assert.Equal([strong.Id()], bundle.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_Remotely_RecordsAFalsePositiveAsTheApiKeysOrganisation(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var indicator = SightingHttp.Indicator(confidence: 100);
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportAsync(indicator);
        var key = await alliance.ApiKeyAsync("Bravo", Role.Analyst);

        var run = await CliRunner.RunAsync(node, "sighting", indicator.Id(), "--false-positive", "--tlp", "green", "--remote", node.BaseAddress.ToString(), "--api-key", key);

        Assert.True(run.ExitCode == 0, run.ToString());
        var list = await (await alliance.ClientAsync("Alpha", Role.ReadOnly)).SightingsAsync(indicator.Id());
        var recorded = Assert.Single(list.GetProperty("sightings").EnumerateArray());
        Assert.Equal(run.Out.Trim(), recorded.GetProperty("id").GetString());
        Assert.Equal("false-positive", recorded.GetProperty("kind").GetString());
        Assert.Equal(alliance.OrgId("Bravo").ToString(), recorded.GetProperty("reporter").GetString());
    }

    private static System.Text.Json.Nodes.JsonObject Indicator(int confidence, string ip, string now)
    {
        var indicator = Bundles.Indicator(modified: now);
        indicator["created"] = now;
        indicator["confidence"] = confidence;
        indicator["pattern"] = $"[ipv4-addr:value = '{ip}']";
        return indicator;
    }
}
