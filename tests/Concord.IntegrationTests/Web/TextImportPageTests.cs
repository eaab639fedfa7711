using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Testing;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Import → from text in the browser: paste, see what was found and what is known, untick, edit, confirm.</summary>
public class TextImportPageTests(Browser browser)
{
    private const string Text = """
        Dear team, the phishing mails came from it-support[@]bad-sender[.]example and linked to hxxps://cdn.bad-sender[.]example/gate.php.
        The loader then talked to 203.0.113.9 and resolved names with 8.8.8.8. Technique: T1566.001. Exploit: CVE-2021-44228.
        """;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TextImport_PreviewThenConfirm_StoresOnlyTheTickedItems_UnderAReport(Store store)
    {
        var settings = new Dictionary<string, string?> { ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists") };
        await using var node = await TestNode.StartAsync(store, settings);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var technique = new JsonObject
        {
            ["type"] = "attack-pattern", ["spec_version"] = "2.1", ["id"] = Bundles.NewId("attack-pattern"), ["name"] = "Spearphishing Attachment",
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["external_references"] = new JsonArray(new JsonObject { ["source_name"] = "mitre-attack", ["external_id"] = "T1566.001" }),
        };
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=clear&scope=alliance", technique, CorrelationHttp.IndicatorFor("ipv4-addr:value", "203.0.113.9", "Alpha's C2"));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Import from text" }).ClickAsync();
        await web.Page.GetByLabel("Report or e-mail text").FillAsync(Text);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Extract" }).ClickAsync();

        var found = web.Page.GetByRole(AriaRole.Table, new() { Name = "Found in the text" });
        await Assertions.Expect(found.Locator("tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(found.Locator("tr[data-value='203.0.113.9']")).ToContainTextAsync("already known");
        await Assertions.Expect(found.Locator("tr[data-value='8.8.8.8']")).ToContainTextAsync("warninglist: public-dns-v4");
        await Assertions.Expect(web.Page.GetByLabel("Import 8.8.8.8")).Not.ToBeCheckedAsync();
        await Assertions.Expect(found.Locator("tr[data-value='T1566.001']")).ToContainTextAsync(technique["id"]!.GetValue<string>());
        await Assertions.Expect(found.Locator("tr[data-value='https://cdn.bad-sender.example/gate.php']")).ToContainTextAsync("[url:value = 'https://cdn.bad-sender.example/gate.php']");
        await web.Page.GetByLabel("Import https://cdn.bad-sender.example/gate.php").UncheckAsync();
        // 203.0.113.0/24 is a documentation range, so on a warninglist and unticked; the analyst knows better here.
        await web.Page.GetByLabel("Import 203.0.113.9").CheckAsync();
        await web.Page.GetByLabel("Value of it-support@bad-sender.example").FillAsync("helpdesk@bad-sender.example");
        await web.Page.GetByLabel("Report name").FillAsync("Phishing wave from text");
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("green");
        await web.ScreenshotAsync("import-from-text");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Import the ticked items" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phishing wave from text");
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicators = await bravo.ListIdsAsync($"type=indicator&owner={alliance.OrgId("Bravo")}");
        Assert.Equal(2, indicators.Count);
        var patterns = new List<string>();
        foreach (var id in indicators)
        {
            using var response = await bravo.GetAsync($"/api/v1/objects/{id}", TestContext.Current.CancellationToken);
            patterns.Add((await IntelHttp.JsonAsync(response)).GetProperty("object").GetProperty("pattern").GetString()!);
        }

        Assert.Equal(["[email-addr:value = 'helpdesk@bad-sender.example']", "[ipv4-addr:value = '203.0.113.9']"], patterns.Order());
        Assert.Single(await bravo.ListIdsAsync($"type=vulnerability&owner={alliance.OrgId("Bravo")}"));
        Assert.Empty(web.ConsoleErrors);
    }
}
