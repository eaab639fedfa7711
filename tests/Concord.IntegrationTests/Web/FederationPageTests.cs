using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Federation;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// A node admin connects another node in the browser with the key that node issued, sees the key for the other side
/// once, pulls, and finds what was shared with connected nodes counted, the cursor on the peer's details, and the
/// object readable by the node's members as the other node's organisation's.
/// </summary>
public class FederationPageTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_ConnectsANode_PullsIt_AndSeesWhatCame(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var shared = Bundles.Indicator(name: "Shared with connected nodes", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, shared);
        var adminA = await a.Members.ClientAsync("Alpha", Role.NodeAdmin);
        var onA = await adminA.PostAsJsonAsync("/api/v1/federation/peers/", new { name = "node-b", url = b.Node.BaseAddress.ToString() }, Ct);
        var keyForB = (string)(await onA.Content.ReadFromJsonAsync<JsonObject>(Ct))!["keyForPeer"]!;

        await using var web = await browser.OpenAsync(b.Node);
        await web.SignInAsAsync(b.Members, "Bravo", Role.NodeAdmin);
        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Federation" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/federation");
        await Assertions.Expect(web.Page.Locator("#node-name")).ToHaveTextAsync("node-b");

        // A bad address is refused with its reason, and nothing is connected.
        var connect = web.Page.GetByRole(AriaRole.Region, new() { Name = "Connect a node" });
        await connect.GetByLabel("Name").FillAsync("node-a");
        await connect.GetByLabel("Address").FillAsync("ftp://127.0.0.1/");
        await connect.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not an absolute http or https address");
        await Assertions.Expect(web.Page.Locator("main")).ToContainTextAsync("No connected nodes yet.");

        await connect.GetByLabel("Name").FillAsync("node-a");
        await connect.GetByLabel("Address").FillAsync(a.Node.BaseAddress.ToString());
        await connect.GetByLabel("Key it issued for this node").FillAsync(keyForB);
        await connect.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        var keyForA = await web.Page.Locator("#key-for-peer").InnerTextAsync();
        using (var peerOfB = a.Node.CreateClient())
        {
            // The key shown reads node B as a peer.
            peerOfB.DefaultRequestHeaders.Authorization = new("Bearer", keyForA);
            Assert.Equal(HttpStatusCode.OK, (await peerOfB.GetAsync(new Uri(b.Node.BaseAddress, "/api/v1/federation/node"), Ct)).StatusCode);
        }

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Pull from node-a now" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Pulled node-a" })).ToBeVisibleAsync();
        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Connected nodes" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "node-a" });
        await Assertions.Expect(row).ToContainTextAsync("connected");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("up to date");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("1");
        await web.Page.GetByText("node-a: key, cursor and refused objects").ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.List, new() { Name = "Cursors of node-a" })).ToContainTextAsync("after");
        await web.ScreenshotAsync("admin-federation");

        // A replaced key that node A does not know: the next pull fails, and the page says so and why.
        await web.Page.GetByLabel("Replace the key it issued for this node").FillAsync("ck_0000000000000000_not-a-key-node-a-issued");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Key for node-a saved." })).ToBeVisibleAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Pull from node-a now" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Pulling node-a failed");
        await Assertions.Expect(row).ToContainTextAsync("failing");

        // Paused, it is not pulled (no "Pull now"); resumed, it is again.
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Pause node-a" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("paused");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Pull from node-a now" })).ToHaveCountAsync(0);
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Resume node-a" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Pull from node-a now" })).ToHaveCountAsync(1);

        // A TAXII source whose address is not a collection is refused by name.
        var source = web.Page.GetByRole(AriaRole.Region, new() { Name = "Pull a TAXII collection of another server" });
        await source.GetByLabel("Name").FillAsync("vendor");
        await source.GetByLabel("Collection address").FillAsync(a.Node.BaseAddress.ToString());
        await source.GetByRole(AriaRole.Button, new() { Name = "Add the source" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a TAXII collection's address");

        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        var stored = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{shared["id"]}", Ct);
        var organisations = await bravo.GetFromJsonAsync<JsonArray>("/api/v1/organisations/", Ct);
        Assert.Equal("node-a", (string?)organisations!.Single(o => (string?)o!["id"] == (string?)stored!["owner"])!["homeNode"]);
        // The browser logs the refused addresses' 400 and the failed pull's 502; nothing else went wrong.
        Assert.All(web.ConsoleErrors, e => Assert.Matches("status of (400|502)", e));
    }
}
