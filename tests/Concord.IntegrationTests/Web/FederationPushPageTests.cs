using Concord.Access;
using Concord.IntegrationTests.Federation;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// A node admin adds a TAXII push destination in the browser: a wrong address is refused by name, the destination
/// receives what connected nodes may read (and not AMBER), pushing now reports the counts, the row shows what was pushed
/// and refused there, and pausing takes "Push now" away until it is resumed.
/// </summary>
public class FederationPushPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_AddsAPushDestination_PushesNow_AndSeesTheCounts(Store store)
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks(), 0, i => i);
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        var shared = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        var refused = Bundles.Indicator(name: "Refused there", tlp: Tlp.Green);
        refused["x_quirky_refuse"] = true;
        var amber = Bundles.Indicator(name: "Amber", tlp: Tlp.Amber);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, shared, refused);
        await a.SeedAsync("Alpha", amber);

        await using var web = await browser.OpenAsync(a.Node);
        await web.SignInAsAsync(a.Members, "Alpha", Role.NodeAdmin);
        await web.Page.GotoAsync("/admin/federation");

        var form = web.Page.GetByRole(AriaRole.Region, new() { Name = "Push to a TAXII collection of another server" });
        await form.GetByLabel("Name").FillAsync("siem");
        await form.GetByLabel("Collection address").FillAsync(server.Collection.GetLeftPart(UriPartial.Authority) + "/");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the destination" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a TAXII collection's address");
        await Assertions.Expect(web.Page.Locator("main")).ToContainTextAsync("No connected nodes yet.");

        await form.GetByLabel("Name").FillAsync("siem");
        await form.GetByLabel("Collection address").FillAsync(server.Collection.ToString());
        await form.GetByLabel("Key").FillAsync("token-for-siem");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the destination" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "siem added" })).ToBeVisibleAsync();

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Push to siem now" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Pushed to siem" })).ToBeVisibleAsync();
        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Connected nodes" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "siem" });
        await Assertions.Expect(row).ToContainTextAsync("TAXII push destination");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("1 pushed");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("1 failed");
        Assert.Contains(server.Added.Keys, k => k.Id == (string)shared["id"]!);
        Assert.DoesNotContain(server.Added.Keys, k => k.Id == (string)amber["id"]!);
        await web.Page.GetByText("siem: key, cursor and refused objects").ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Refused from siem" })).ToContainTextAsync("refused by this server's policy");

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Pause siem" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("paused");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Push to siem now" })).ToHaveCountAsync(0);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Resume siem" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Push to siem now" })).ToHaveCountAsync(1);
        Assert.All(web.ConsoleErrors, e => Assert.Matches("status of 400", e));
    }
}
