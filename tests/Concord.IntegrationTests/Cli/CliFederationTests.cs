using Concord.Access;
using Concord.IntegrationTests.Federation;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;

namespace Concord.IntegrationTests.Cli;

/// <summary>
/// <c>concord federation</c> on node B's store: its identity, connecting node A with the key A issued (printing B's key
/// for A once), pulling A, listing, an unknown peer, and disconnecting.
/// </summary>
public class CliFederationTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddSyncStatusPauseRemove(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var shared = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, shared);
        // 'federation' and 'connect' are the first names of 'peer' and 'add'.
        var keyForB = await CliRunner.RunAsync(a.Node, "federation", "connect", "node-b", b.Node.BaseAddress.ToString());
        Assert.True(keyForB.ExitCode == 0, keyForB.ToString());

        var node = await CliRunner.RunAsync(b.Node, "federation", "node");
        Assert.EndsWith("\tnode-b", node.Out.Trim(), StringComparison.Ordinal);

        var bad = await CliRunner.RunAsync(b.Node, "federation", "connect", "node-a", "not a url");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("[url: absolute-http-url]", bad.Error, StringComparison.Ordinal);

        var connected = await CliRunner.RunAsync(b.Node, "peer", "add", "node-a", a.Node.BaseAddress.ToString(), "--key", keyForB.Out.Trim(), "--accept-relays");
        Assert.True(connected.ExitCode == 0, connected.ToString());
        Assert.StartsWith("ck_", connected.Out.Trim(), StringComparison.Ordinal);

        var sync = await CliRunner.RunAsync(b.Node, "peer", "sync", "node-a");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bravo.GetAsync($"/api/v1/objects/{shared["id"]}", TestContext.Current.CancellationToken)).StatusCode);

        var list = await CliRunner.RunAsync(b.Node, "peer", "list");
        Assert.Contains("\tnode-a\t", list.Out, StringComparison.Ordinal);
        Assert.Contains("\tconnected\t", list.Out, StringComparison.Ordinal);

        var status = await CliRunner.RunAsync(b.Node, "peer", "status", "node-a");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("state       connected, relays accepted", status.Out, StringComparison.Ordinal);
        Assert.Contains("node        node-a (", status.Out, StringComparison.Ordinal);
        Assert.Contains("received    1, refused 0", status.Out, StringComparison.Ordinal);
        Assert.Contains("refused there 0 of this node's records", status.Out, StringComparison.Ordinal);

        // Blind lookups: the same secret on both nodes (only its fingerprint is shown), then B asks A about a value A holds.
        const string secret = "an-alliance-secret-of-at-least-32-characters";
        Assert.Contains("blind lookups off", (await CliRunner.RunAsync(b.Node, "peer", "secret")).Out, StringComparison.Ordinal);
        Assert.Equal(1, (await CliRunner.RunAsync(b.Node, "peer", "secret", "too-short")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(a.Node, "peer", "secret", secret)).ExitCode);
        var set = await CliRunner.RunAsync(b.Node, "peer", "secret", secret);
        Assert.Matches("^blind lookups on, fingerprint [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", set.Out);
        Assert.DoesNotContain(secret, set.Out, StringComparison.Ordinal);
        for (var attempt = 0; attempt < 600 && !(await CliRunner.RunAsync(a.Node, "peer", "secret")).Out.Contains("index ready", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var lookup = await CliRunner.RunAsync(b.Node, "peer", "lookup", "198.51.100.7", "203.0.113.250", "--org", "Bravo");
        Assert.True(lookup.ExitCode == 0, lookup.ToString());
        Assert.Contains($"ipv4-addr:198.51.100.7\tnode-a\t{shared["id"]}\tindicator\t", lookup.Out, StringComparison.Ordinal);
        Assert.Contains("ipv4-addr:203.0.113.250\tnot held by any node that answered", lookup.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRunner.RunAsync(b.Node, "peer", "pause", "node-a")).ExitCode);
        Assert.Contains("\tpaused\t", (await CliRunner.RunAsync(b.Node, "peer", "list")).Out, StringComparison.Ordinal);
        var whilePaused = await CliRunner.RunAsync(b.Node, "peer", "sync", "node-a");
        Assert.Equal(1, whilePaused.ExitCode);
        Assert.Contains("paused", whilePaused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(b.Node, "peer", "resume", "node-a")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(b.Node, "peer", "relays", "node-a", "off")).ExitCode);
        Assert.Contains("state       connected\n", (await CliRunner.RunAsync(b.Node, "peer", "status", "node-a")).Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync(b.Node, "peer", "relays", "node-a", "maybe")).ExitCode);

        // A TAXII source's settings without --taxii are a usage error, not silently dropped; nothing is connected.
        var ownerWithoutTaxii = await CliRunner.RunAsync(b.Node, "peer", "add", "vendor", "http://127.0.0.1:9/api1/collections/x/", "--owner", "Bravo");
        Assert.Equal(2, ownerWithoutTaxii.ExitCode);
        Assert.Contains("--taxii", ownerWithoutTaxii.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\tvendor\t", (await CliRunner.RunAsync(b.Node, "peer", "list")).Out, StringComparison.Ordinal);

        Assert.Equal(3, (await CliRunner.RunAsync(b.Node, "federation", "sync", "nowhere")).ExitCode);
        var disconnected = await CliRunner.RunAsync(b.Node, "peer", "remove", "node-a");
        Assert.True(disconnected.ExitCode == 0, disconnected.ToString());
        Assert.Contains("\tdisconnected\t", (await CliRunner.RunAsync(b.Node, "federation", "list")).Out, StringComparison.Ordinal);
        var refused = await CliRunner.RunAsync(b.Node, "federation", "sync", "node-a");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("disconnected", refused.Error, StringComparison.Ordinal);
    }
}
