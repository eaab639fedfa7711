using System.Text.Json;
using Concord.IntegrationTests.Intel.MispExport;
using Concord.Testing;

namespace Concord.IntegrationTests.Cli;

/// <summary><c>concord export --format misp</c>: the organisation's reports as MISP events, as MISP's API exports them.</summary>
public class CliMispExportTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExportFormatMisp_WritesTheImportedEventBackAsMispJson(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "import", SharedData.Path("misp", "events", "pymisp", "reportlab_testfiles", "to_delete1.json"), "--org", "Lagoon CERT");

        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--format", "misp");

        Assert.True(export.ExitCode == 0, export.ToString());
        using var document = JsonDocument.Parse(export.OutBytes);
        var events = document.RootElement.GetProperty("response").EnumerateArray().Select(e => e.GetProperty("Event")).ToList();
        var @event = Assert.Single(events, e => e.GetProperty("uuid").GetString() == "5a0a9aa9-23a4-4607-b6df-41a9950d210f");
        Assert.Equal(75, @event.GetProperty("Attribute").GetArrayLength());
        Assert.Empty(events.SelectMany(e => PyMispRules.Problems(e)));
        Assert.Contains("MISP event(s)", export.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExportUnknownFormat_IsAUsageErrorNamingMisp(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");

        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--format", "openioc");

        Assert.NotEqual(0, export.ExitCode);
        Assert.Contains("stix, csv, misp", export.Error, StringComparison.Ordinal);
    }
}
