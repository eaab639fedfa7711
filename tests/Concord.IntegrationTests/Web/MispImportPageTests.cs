using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Testing;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The import page takes a MISP event file as it takes a bundle, and says what the MISP file held.</summary>
public class MispImportPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AMispEventFile_IsConvertedAndTheJobSaysWhatWasReadAndLeftOut(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var file = SharedData.Path("misp", "events", "pymisp", "mispevent_testfiles", "proposals.json");

        await web.Page.GotoAsync("/import");
        await web.Page.GetByLabel("STIX 2.1 bundle or MISP JSON file").SetInputFilesAsync(file);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();

        var job = web.Page.Locator(".job");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded");
        await Assertions.Expect(job.Locator("[data-count=rejected]")).ToHaveTextAsync("0");
        await Assertions.Expect(web.Page.Locator("#misp-summary")).ToContainTextAsync("MISP: 1 event(s), 1 attribute(s)");
        await Assertions.Expect(web.Page.Locator("#misp-summary [data-count=proposals]")).ToHaveTextAsync("2");
        await web.ScreenshotAsync("import-misp-done");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AFileInNoKnownFormat_IsRefusedOnThePage(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/import");
        await web.Page.GetByLabel("STIX 2.1 bundle or MISP JSON file").SetInputFilesAsync(new FilePayload { Name = "rows.csv", MimeType = "text/csv", Buffer = "id,value\n1,evil.example\n"u8.ToArray() });
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();

        await Assertions.Expect(web.Page.Locator("#import-error")).ToContainTextAsync("not JSON");
        Assert.EndsWith("/import", web.Page.Url, StringComparison.Ordinal);
    }
}
