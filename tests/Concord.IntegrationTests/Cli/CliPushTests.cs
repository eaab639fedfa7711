using Concord.Access;
using Concord.IntegrationTests.Federation;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;

namespace Concord.IntegrationTests.Cli;

/// <summary>
/// <c>concord peer add NAME COLLECTION-URL --taxii --push</c> on a node's store: a TAXII push destination, pushed now with
/// <c>peer sync</c>, shown by <c>peer status</c> with what it confirmed and refused; <c>--push</c> without <c>--taxii</c>,
/// or with a source's settings, is a usage error that connects nothing.
/// </summary>
public class CliPushTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddSyncStatus_OfAPushDestination(Store store)
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks(), 0, i => i);
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        var shared = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        var refused = Bundles.Indicator(name: "Refused there", tlp: Tlp.Green);
        refused["x_quirky_refuse"] = true;
        var amber = Bundles.Indicator(name: "Amber", tlp: Tlp.Amber);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, shared, refused);
        await a.SeedAsync("Alpha", amber);

        var withoutTaxii = await CliRunner.RunAsync(a.Node, "peer", "add", "siem", server.Collection.ToString(), "--push");
        Assert.Equal(2, withoutTaxii.ExitCode);
        Assert.Contains("--taxii", withoutTaxii.Error, StringComparison.Ordinal);
        var withOwner = await CliRunner.RunAsync(a.Node, "peer", "add", "siem", server.Collection.ToString(), "--taxii", "--push", "--owner", "Alpha");
        Assert.Equal(2, withOwner.ExitCode);
        Assert.DoesNotContain("\tsiem\t", (await CliRunner.RunAsync(a.Node, "peer", "list")).Out, StringComparison.Ordinal);

        var added = await CliRunner.RunAsync(a.Node, "peer", "add", "siem", server.Collection.ToString(), "--taxii", "--push", "--key", "token-for-siem");
        Assert.Equal(0, added.ExitCode);
        Assert.Equal("", added.Out);
        Assert.Contains("push destination 'siem'", added.Error, StringComparison.Ordinal);

        var sync = await CliRunner.RunAsync(a.Node, "peer", "sync", "siem");
        Assert.Equal(0, sync.ExitCode);
        Assert.Contains(server.Added.Keys, k => k.Id == (string)shared["id"]!);
        Assert.DoesNotContain(server.Added.Keys, k => k.Id == (string)amber["id"]!);

        var status = (await CliRunner.RunAsync(a.Node, "peer", "status", "siem")).Out.ReplaceLineEndings("\n");
        Assert.Contains("TAXII push destination", status, StringComparison.Ordinal);
        Assert.Contains("pushed      1, failed 1", status, StringComparison.Ordinal);
        Assert.Contains($"{refused["id"]} [push-refused]", status, StringComparison.Ordinal);
        Assert.Contains("\tsiem\t", (await CliRunner.RunAsync(a.Node, "peer", "list")).Out, StringComparison.Ordinal);
    }
}
