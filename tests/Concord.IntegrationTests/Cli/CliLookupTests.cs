using System.Text;
using System.Text.Json;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Testing;

namespace Concord.IntegrationTests.Cli;

public class CliLookupTests
{
    private static readonly string Bundle = Bundles.Bundle(
        CorrelationHttp.Indicator("[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example']", name: "Lagoon C2"),
        CorrelationHttp.Indicator("[ipv4-addr:value = '8.8.8.8']", name: "Resolver"));

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_Local_PrintsTheCorrelatedObjects_AndExitsThreeWhenNothingCorrelates(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        Assert.Equal(0, (await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundle), "--org", "Lagoon CERT", "--tlp", "green")).ExitCode);

        var hit = await CliRunner.RunAsync(node, "lookup", "198.51.100.7", "hxxp://nothing[.]example/x");
        var miss = await CliRunner.RunAsync(node, "lookup", "203.0.113.250");
        var stdin = await CliRunner.RunAsync(node, Encoding.UTF8.GetBytes("# suspicious\nEVIL.example\n\n203.0.113.250\n"), "lookup", "-", "--json");

        Assert.True(hit.ExitCode == 0, hit.ToString());
        Assert.Contains("Lagoon C2", hit.Out, StringComparison.Ordinal);
        Assert.Contains("Lagoon CERT", hit.Out, StringComparison.Ordinal);
        Assert.Contains("KE", hit.Out, StringComparison.Ordinal);
        Assert.Contains("http://nothing.example/x", hit.Out, StringComparison.Ordinal);
        Assert.True(miss.ExitCode == 3, miss.ToString());
        Assert.Contains("(none)", miss.Out, StringComparison.Ordinal);
        Assert.True(stdin.ExitCode == 0, stdin.ToString());
        var values = JsonDocument.Parse(stdin.Out).RootElement.GetProperty("values");
        Assert.Equal(["evil.example", "203.0.113.250"], values.EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal(1, values[0].GetProperty("reporters").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_Remote_AnswersLikeTheLocalStore(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "user", "create", "ana@lagoon.example", "--org", "Lagoon CERT");
        var key = (await CliRunner.RunAsync(node, "admin", "apikey", "create", "--user", "ana@lagoon.example", "--name", "cli")).Out.Trim();
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundle), "--org", "Lagoon CERT", "--tlp", "green");

        var local = await CliRunner.RunAsync(node, "lookup", "198.51.100.0/24", "evil.example", "--json");
        var remote = await CliRunner.RunAsync(node, "lookup", "198.51.100.0/24", "evil.example", "--json", "--remote", node.BaseAddress.ToString(), "--api-key", key);
        var badKey = await CliRunner.RunAsync(node, "lookup", "evil.example", "--remote", node.BaseAddress.ToString(), "--api-key", "not-a-key");
        var noValues = await CliRunner.RunAsync(node, "lookup");

        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Equal(local.Out, remote.Out);
        Assert.Contains("inside-network", remote.Out, StringComparison.Ordinal);
        Assert.Equal(1, badKey.ExitCode);
        Assert.Equal(2, noValues.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_ExcludeWarninglisted_LeavesOutObjectsWhoseValuesAreAllListed(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists"),
        });
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundle), "--org", "Lagoon CERT", "--tlp", "green");

        var all = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");
        var filtered = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--exclude-warninglisted");
        var lookup = await CliRunner.RunAsync(node, "lookup", "8.8.8.8");

        Assert.Equal(["Lagoon C2", "Resolver"], Names(all.OutBytes).Order());
        Assert.Equal(["Lagoon C2"], Names(filtered.OutBytes));
        Assert.Contains("public-dns-v4", lookup.Out, StringComparison.Ordinal);
    }

    private static List<string> Names(byte[] bundle) =>
        JsonDocument.Parse(bundle).RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();
}
