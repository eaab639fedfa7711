using System.Text.Json;
using Concord.Stix.Markings;
using Concord.Testing;

namespace Concord.IntegrationTests.Cli;

/// <summary><c>concord import</c> of MISP JSON, locally and into a node; and a file in no known format failing loudly.</summary>
public class CliMispImportTests
{
    private static string EventFile(params string[] path) => SharedData.Path(["misp", "events", .. path]);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportMispEvent_StoresItAndSaysWhatWasReadAndLeftOut(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");

        var import = await CliRunner.RunAsync(node, "import", EventFile("pymisp", "reportlab_testfiles", "to_delete1.json"), "--org", "Lagoon CERT");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--type", "report");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("misp: to_delete1.json: 1 event(s), 75 attribute(s), 0 object(s), 0 sighting(s); left out: 0 deleted attribute(s), 0 deleted object(s), 0 proposal(s).", import.Out, StringComparison.Ordinal);
        using var bundle = JsonDocument.Parse(export.OutBytes);
        Assert.Contains(bundle.RootElement.GetProperty("objects").EnumerateArray(), o => o.GetProperty("id").GetString() == "report--5a0a9aa9-23a4-4607-b6df-41a9950d210f");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportFileInNoKnownFormat_FailsWithExitOne_InsteadOfStoringNothingSilently(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var file = TestBundles.WriteTemp("""{"name":"a spreadsheet export","rows":[]}""");

        var import = await CliRunner.RunAsync(node, "import", file, "--org", "Lagoon CERT");

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains("unknown-format", import.Error, StringComparison.Ordinal);
        Assert.Contains("failed", import.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportMalformedMispFile_ExitsOneNamingTheEvent_AndStoresNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var file = SharedData.Path("misp", "events-malformed", "eset", "pypi_backdoor", "malicious_pypi_packages.misp-event.json");

        var import = await CliRunner.RunAsync(node, "import", file, "--org", "Lagoon CERT");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains("json-syntax at $.response[0].Event.Tag[", import.Error, StringComparison.Ordinal);
        Assert.Contains("Event a1bbc1b7-55d1-4f67-9fce-7de5d892f840 \"Malicious PyPI packages\"", import.Error, StringComparison.Ordinal);
        using var bundle = JsonDocument.Parse(export.OutBytes);
        Assert.DoesNotContain(bundle.RootElement.GetProperty("objects").EnumerateArray(), o => !TlpMarkings.All.ContainsKey(o.GetProperty("id").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportMispRemote_GoesThroughTheNodeAndPrintsItsCounts(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "user", "create", "ana@lagoon.example", "--org", "Lagoon CERT");
        var key = (await CliRunner.RunAsync(node, "admin", "apikey", "create", "--user", "ana@lagoon.example", "--name", "cli")).Out.Trim();

        var import = await CliRunner.RunAsync(node, "import", EventFile("pymisp", "mispevent_testfiles", "proposals.json"), "--remote", node.BaseAddress.ToString(), "--api-key", key);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("left out: 0 deleted attribute(s), 0 deleted object(s), 2 proposal(s).", import.Out, StringComparison.Ordinal);
    }
}
