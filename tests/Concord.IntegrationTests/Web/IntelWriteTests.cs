using System.Text;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Importing, creating, revoking and deleting in a real headless Chromium.</summary>
public class IntelWriteTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ABundleWithOneBadObject_ShowsLiveProgressUntilDoneThenTheRejectedObjectsError(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var bad = Bundles.Indicator(name: "Broken");
        bad["pattern"] = "[ipv4-addr:value = '198.51.100.7'";
        var bundle = Bundles.Bundle(Bundles.Indicator(name: "Good one"), bad, Bundles.Indicator(name: "Good two"));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/import");
        await web.Page.GetByLabel("STIX 2.1 bundle or MISP JSON file").SetInputFilesAsync(new FilePayload { Name = "bundle.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(bundle) });
        await web.Page.GetByLabel("Store the valid objects and list the rejected ones").CheckAsync();
        await web.Page.GetByLabel("Default TLP (for objects without a TLP marking)").SelectOptionAsync("green");
        var job = web.Page.Locator(".job");
        using (await WebBundles.HoldImportsAsync(node))
        {
            await web.Page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
            await Assertions.Expect(job).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "running");
            await web.ScreenshotAsync("import-progress-running");
        }

        // No reload: the page follows the job over its live connection.
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded");
        Assert.Contains("/import/jobs/", web.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(job.Locator("[data-count=stored]")).ToHaveTextAsync("2");
        await Assertions.Expect(job.Locator("[data-count=rejected]")).ToHaveTextAsync("1");
        var rejected = web.Page.Locator("table.rejected tbody tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected).ToContainTextAsync((string)bad["id"]!);
        await Assertions.Expect(rejected).ToContainTextAsync("pattern-syntax");
        await Assertions.Expect(rejected).ToContainTextAsync("$.objects[1].pattern");
        await web.ScreenshotAsync("import-progress-done");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateIndicator_ABadPatternIsFlaggedAsItIsTypedThenAGoodOneIsSaved(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel/new/indicator");
        var check = web.Page.Locator("#pattern-check");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-interactive", "true");
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Phishing landing page");
        await web.Page.Locator("#pattern").PressSequentiallyAsync("[domain-name:value = 'login-update.example'");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(check.Locator(".field-error")).ToContainTextAsync("At column 44");
        await web.ScreenshotAsync("create-indicator-bad-pattern");

        await web.Page.Locator("#pattern").PressSequentiallyAsync("]");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-state", "ok");
        await Assertions.Expect(check).ToContainTextAsync("A valid STIX 2.1 pattern");
        await web.Page.GetByLabel("Labels").FillAsync("phishing, credential-theft");
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("green");
        await web.ScreenshotAsync("create-indicator");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create indicator" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Phishing landing page", Level = 1 })).ToBeVisibleAsync();
        Assert.Contains("/intel/objects/indicator--", web.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(web.Page.Locator(".summary .tlp")).ToHaveTextAsync("TLP:GREEN");
        await Assertions.Expect(web.Page.Locator("dl.properties")).ToContainTextAsync("[domain-name:value = 'login-update.example']");
        await Assertions.Expect(web.Page.Locator("dl.properties")).ToContainTextAsync("credential-theft");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateIndicator_ScopeWiderThanTheTlp_IsRefusedWithTheMessageAtTheScopeField(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel/new/indicator");
        await Assertions.Expect(web.Page.Locator("#pattern-check")).ToHaveAttributeAsync("data-interactive", "true");
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Too wide");
        await web.Page.Locator("#pattern").FillAsync("[ipv4-addr:value = '198.51.100.9']");
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("red");
        await web.Page.GetByLabel("Shared with").SelectOptionAsync("alliance");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create indicator" }).ClickAsync();

        await Assertions.Expect(web.Page.Locator("#scope-error")).ToContainTextAsync("TLP:RED allows at most");
        await Assertions.Expect(web.Page.Locator("#form-errors")).ToBeVisibleAsync();
        Assert.EndsWith("/intel/new/indicator", web.Page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EditRevokeAndDelete_ByTheOwner_AddAVersionThenRevokeThenDeleteAfterConfirmation(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "To retire");
        var id = (string)indicator["id"]!;
        await WebBundles.ImportAsync(alliance, "Alpha", indicator);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel/objects/" + id);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("To retire");
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("To retire soon");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Save a new version" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "To retire soon", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator("ol.versions li")).ToHaveCountAsync(2);

        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Revoke" }).ClickAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator("h1 .tag.revoked")).ToBeVisibleAsync();

        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Delete");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator(".alert.info")).ToContainTextAsync(id);
        var gone = await web.Page.GotoAsync("/intel/objects/" + id);
        Assert.Equal(404, gone!.Status);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NoteAndReport_WrittenAboutAnObject_AppearAmongItsRelationships(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "Shared C2");
        var id = (string)indicator["id"]!;
        await WebBundles.ImportAsync(alliance, "Alpha", indicator);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel/objects/" + id);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Add a note" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByLabel("Objects it is about")).ToHaveValueAsync(id);
        await web.Page.GetByLabel("Note", new() { Exact = true }).FillAsync("We see it in our constituency too.");
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create note" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator("dl.properties")).ToContainTextAsync("We see it in our constituency too.");
        var noteUrl = web.Page.Url;

        await web.Page.GotoAsync("/intel/new/report");
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Weekly digest");
        await web.Page.GetByLabel("Objects it is about").FillAsync(id + "\n" + noteUrl[(noteUrl.LastIndexOf('/') + 1)..]);
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create report" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Weekly digest", Level = 1 })).ToBeVisibleAsync();

        await web.Page.GotoAsync("/intel/objects/" + id);
        var links = web.Page.Locator("section[aria-labelledby=links-h] table tbody");
        await Assertions.Expect(links.Locator("tr")).ToHaveCountAsync(2);
        await Assertions.Expect(links).ToContainTextAsync("We see it in our constituency too.");
        await Assertions.Expect(links).ToContainTextAsync("Weekly digest");
        Assert.Empty(web.ConsoleErrors);
    }
}
