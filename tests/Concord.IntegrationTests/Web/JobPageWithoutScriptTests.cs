using System.Text;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Without JavaScript there is no live connection: the import job page reloads itself until the job has finished.</summary>
public class JobPageWithoutScriptTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task JobPage_WithoutJavaScript_ReloadsUntilTheImportHasFinished(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node, options => options.JavaScriptEnabled = false);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        var bundle = Bundles.Bundle(Bundles.Indicator(name: "One"), Bundles.Indicator(name: "Two"));

        await web.Page.GotoAsync("/import");
        await web.Page.GetByLabel("STIX 2.1 bundle or MISP JSON file").SetInputFilesAsync(new FilePayload { Name = "bundle.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(bundle) });
        await web.Page.GetByLabel("Default TLP (for objects without a TLP marking)").SelectOptionAsync("green");
        var job = web.Page.Locator(".job");
        using (await WebBundles.HoldImportsAsync(node))
        {
            await web.Page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "running");
            await Assertions.Expect(job).ToHaveAttributeAsync("data-interactive", "false");
            await Assertions.Expect(web.Page.Locator("meta[http-equiv=refresh]")).ToHaveAttributeAsync("content", "2");
            await Assertions.Expect(web.Page.Locator("#job-reload")).ToContainTextAsync("reloads every 2 seconds");
            await Assertions.Expect(web.Page.Locator("#job-reload").GetByRole(AriaRole.Link, new() { Name = "Reload now" })).ToBeVisibleAsync();
            await web.ScreenshotAsync("import-progress-noscript-running");
        }

        // Nobody touches the page: its own refresh brings the finished job, and then it stops refreshing.
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(job.Locator("[data-count=stored]")).ToHaveTextAsync("2");
        await Assertions.Expect(web.Page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
        await Assertions.Expect(web.Page.Locator("#job-reload")).ToHaveCountAsync(0);
        await web.ScreenshotAsync("import-progress-noscript-done");
    }
}
