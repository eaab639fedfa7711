using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Cli;

public class CliImportExportTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportFile_StoresEveryObject_AndExportReturnsThem(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (json, ids) = TestBundles.Indicators(25);

        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--org", "Lagoon CERT");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--type", "indicator");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("25", import.Out, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(ids.Order(), ExportedIds(export.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportAllOrNothing_WithAnInvalidObject_StoresNothingAndExitsOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (json, _) = TestBundles.Indicators(5, invalid: 1);

        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--org", "Lagoon CERT");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("rejected", import.Error, StringComparison.Ordinal);
        Assert.Empty(ExportedIds(export.OutBytes));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportBestEffort_WithAnInvalidObject_StoresTheRestAndExitsThree(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (json, ids) = TestBundles.Indicators(5, invalid: 1);

        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--org", "Lagoon CERT", "--policy", "best-effort");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");

        Assert.True(import.ExitCode == 3, import.ToString());
        Assert.Contains("object #5", import.Error, StringComparison.Ordinal);
        Assert.Equal(ids.Order(), ExportedIds(export.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportFolderAndStdin_ImportEveryBundle(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (first, firstIds) = TestBundles.Indicators(3);
        var (second, secondIds) = TestBundles.Indicators(4);
        var (third, thirdIds) = TestBundles.Indicators(2);
        var folder = Path.GetDirectoryName(TestBundles.WriteTemp(first))!;
        await File.WriteAllTextAsync(Path.Combine(folder, "second.json"), second, TestContext.Current.CancellationToken);

        var fromFolder = await CliRunner.RunAsync(node, "import", folder, "--org", "Lagoon CERT");
        var fromStdin = await CliRunner.RunAsync(node, Encoding.UTF8.GetBytes(third), "import", "-", "--org", "Lagoon CERT");
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");

        Assert.True(fromFolder.ExitCode == 0, fromFolder.ToString());
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Equal(firstIds.Concat(secondIds).Concat(thirdIds).Order(), ExportedIds(export.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_ShowsAnOrganisationOnlyWhatItMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "org", "create", "Delta CSIRT", "--country", "NG");
        var (red, redIds) = TestBundles.Indicators(3, Tlp.Red);
        var (green, greenIds) = TestBundles.Indicators(2, Tlp.Green);
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(red), "--org", "Lagoon CERT", "--scope", "owner");
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(green), "--org", "Lagoon CERT", "--scope", "alliance");

        var owner = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");
        var other = await CliRunner.RunAsync(node, "export", "--org", "Delta CSIRT");

        Assert.Equal(redIds.Concat(greenIds).Order(), ExportedIds(owner.OutBytes).Order());
        Assert.Equal(greenIds.Order(), ExportedIds(other.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_CountsTheOrganisationsSharingGroupsAndRecipientLists(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        foreach (var (name, country) in new[] { ("Lagoon CERT", "KE"), ("Delta CSIRT", "NG"), ("Reef Agency", "FJ") })
        {
            await CliRunner.RunAsync(node, "admin", "org", "create", name, "--country", country);
        }

        var group = (await CliRunner.RunAsync(node, "admin", "group", "create", "West coast", "--owner", "Lagoon CERT", "--member", "Delta CSIRT")).Out.Trim();
        var (amber, amberIds) = TestBundles.Indicators(3, Tlp.Amber);
        var (red, redIds) = TestBundles.Indicators(2, Tlp.Red);
        var toGroup = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(amber), "--org", "Lagoon CERT", "--sharing-group", group);
        var toReef = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(red), "--org", "Lagoon CERT", "--recipient", "Reef Agency");
        Assert.True(toGroup.ExitCode == 0, toGroup.ToString());
        Assert.True(toReef.ExitCode == 0, toReef.ToString());

        var delta = await CliRunner.RunAsync(node, "export", "--org", "Delta CSIRT");
        var reef = await CliRunner.RunAsync(node, "export", "--org", "Reef Agency");

        Assert.Equal(amberIds.Order(), ExportedIds(delta.OutBytes).Order());
        Assert.Equal(redIds.Order(), ExportedIds(reef.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExportToFile_WritesAValidBundle(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (json, ids) = TestBundles.Indicators(4);
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--org", "Lagoon CERT");
        var file = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N") + ".json");

        var run = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "-o", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Equal(ids.Order(), ExportedIds(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportRemote_WithAnApiKey_StreamsTheBundleToTheNode(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "user", "create", "ana@lagoon.example", "--org", "Lagoon CERT");
        var key = (await CliRunner.RunAsync(node, "admin", "apikey", "create", "--user", "ana@lagoon.example", "--name", "cli")).Out.Trim();
        var (json, ids) = TestBundles.Indicators(10);

        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--remote", node.BaseAddress.ToString(), "--api-key", key);
        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(ids.Order(), ExportedIds(export.OutBytes).Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ImportRemote_WithABadApiKey_FailsWithExitCodeOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        var (json, _) = TestBundles.Indicators(2);

        var import = await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--remote", node.BaseAddress.ToString(), "--api-key", "not-a-key");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("401", import.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_AddsTheIdentitiesAndMarkingDefinitionsItsObjectsReference_ButNotHiddenOnes(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        await CliRunner.RunAsync(node, "admin", "org", "create", "Delta CSIRT", "--country", "NG");
        var lagoon = Sdo("identity", ("name", "Lagoon CERT"), ("identity_class", "organization"));
        var delta = Sdo("identity", ("name", "Delta private profile"), ("identity_class", "organization"));
        var copyright = Sdo("marking-definition", ("definition_type", "statement"), ("definition", new JsonObject { ["statement"] = "Copyright Lagoon" }));
        copyright.Remove("modified");
        var indicator = Bundles.Indicator(tlp: Tlp.Green, createdBy: (string)lagoon["id"]!);
        ((JsonArray)indicator["object_marking_refs"]!).Add((string)copyright["id"]!);
        var byDelta = Bundles.Indicator(tlp: Tlp.Green, createdBy: (string)delta["id"]!);
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundles.Bundle(lagoon, copyright, indicator, byDelta)), "--org", "Lagoon CERT", "--tlp", "green", "--scope", "alliance");
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(Bundles.Bundle(delta)), "--org", "Delta CSIRT", "--tlp", "amber", "--scope", "owner");

        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--type", "indicator");

        Assert.True(export.ExitCode == 0, export.ToString());
        using var document = JsonDocument.Parse(export.OutBytes);
        var ids = document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal(
            new[] { (string)indicator["id"]!, (string)byDelta["id"]!, (string)lagoon["id"]!, (string)copyright["id"]!, TlpMarkings.GreenId }.Order(),
            ids.Order());
        Assert.Contains("3 identities and marking definitions", export.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_AsCsv_WritesOneRowPerObject(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        await CliRunner.RunAsync(node, "admin", "org", "create", "Lagoon CERT", "--country", "KE");
        var (json, ids) = TestBundles.Indicators(3);
        await CliRunner.RunAsync(node, "import", TestBundles.WriteTemp(json), "--org", "Lagoon CERT");

        var export = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--format", "csv");
        var bad = await CliRunner.RunAsync(node, "export", "--org", "Lagoon CERT", "--format", "xml");

        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = export.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,type,name,value_or_pattern,owner,tlp,created,modified,score,labels", lines[0]);
        Assert.Equal(ids.Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());
        Assert.All(lines.Skip(1), l => Assert.Contains(",Lagoon CERT,TLP:GREEN,", l, StringComparison.Ordinal));
        Assert.Equal(2, bad.ExitCode);
    }

    private static JsonObject Sdo(string type, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    /// <summary>The exported objects' ids, without the TLP marking definitions the bundle carries for them.</summary>
    private static List<string> ExportedIds(byte[] bundle)
    {
        using var document = JsonDocument.Parse(bundle);
        Assert.Equal("bundle", document.RootElement.GetProperty("type").GetString());
        return document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)
            .Where(id => !TlpMarkings.All.ContainsKey(id)).ToList();
    }
}
