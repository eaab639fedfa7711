using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Testing;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Node administration in the browser: peer nodes, correlation exclusions, warninglists, node health — node admins only.</summary>
public class AdminNodeTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_RegistersAPeer_SeesItsKeyOnce_AndRevokesIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Peer nodes" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/peers");
        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await web.Page.GetByLabel("Name").FillAsync("cert-ke.example");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Register peer" }).ClickAsync();
        var key = await web.Page.Locator("#peer-key").InnerTextAsync();
        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Peer nodes" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "cert-ke.example" });
        await Assertions.Expect(row).ToContainTextAsync("active");
        await web.ScreenshotAsync("admin-peers");

        using var peer = node.WithBearer(key);
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync("/api/v1/me", Ct)).StatusCode);
        await web.Page.GotoAsync("/admin/peers");
        await Assertions.Expect(web.Page.Locator("#peer-key")).ToHaveCountAsync(0);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke cert-ke.example" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Peer node cert-ke.example revoked" })).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await peer.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_ExcludesAValue_TheNextLookupSaysSo_ABadNetworkIsRefused_AndDeletingItRestoresIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        await analyst.ImportOkAsync("tlp=green", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.53", "Resolver"));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/exclusions");
        await web.Page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "IP network (CIDR)" });
        await web.Page.GetByLabel("Value").FillAsync("198.51.100.0/33");
        var refused = await web.Page.RunAndWaitForResponseAsync(
            () => web.Page.GetByRole(AriaRole.Button, new() { Name = "Add exclusion" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        await web.Page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Exact value" });
        await web.Page.GetByLabel("Value").FillAsync("198.51.100.53");
        await web.Page.GetByLabel("Why (optional)").FillAsync("Our shared resolver");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Add exclusion" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Correlation exclusions" })).ToContainTextAsync("Our shared resolver");
        await web.ScreenshotAsync("admin-exclusions");
        var excluded = (await analyst.LookupJsonAsync("198.51.100.53")).GetProperty("values")[0];
        Assert.True(excluded.GetProperty("excluded").GetBoolean());

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Delete exclusion 198.51.100.53" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByText("No exclusions: every value correlates.")).ToBeVisibleAsync();
        Assert.Single(await analyst.CorrelatedIdsAsync("198.51.100.53"));
        Assert.DoesNotContain(web.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeAdmin_SeesWhichWarninglistsAreOnWithTheirHits_AndReloadsThem()
    {
        var settings = new Dictionary<string, string?> { ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists") };
        await using var node = await TestNode.StartAsync(Store.Sqlite, settings);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).LookupJsonAsync("8.8.8.8", "8.8.4.4");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/warninglists");
        var dns = web.Page.GetByRole(AriaRole.Table, new() { Name = "Warninglists" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "public-dns-v4" });
        await Assertions.Expect(dns.Locator("td").Last).ToHaveTextAsync("2");
        await Assertions.Expect(dns).ToContainTextAsync("cidr");
        await web.ScreenshotAsync("admin-warninglists");

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Reload from the folder" }).ClickAsync();
        await Assertions.Expect(web.Status).ToContainTextAsync("Reloaded:");
        await Assertions.Expect(dns.Locator("td").Last).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task NodeAdmin_WithoutAWarninglistFolder_IsToldHowToConfigureOne()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/warninglists");

        await Assertions.Expect(web.Page.Locator("#warninglists-off")).ToContainTextAsync("Concord:Intel:Warninglists:Directory");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NodeAdmin_SeesStorageFollowersAndTheImportQueue(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=green", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.9"));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.NodeAdmin);

        await web.Page.GotoAsync("/admin/node");

        await Assertions.Expect(web.Page.Locator("#storage-provider")).ToHaveTextAsync(store == Store.Postgres ? "PostgreSQL" : "SQLite (embedded)");
        var followers = web.Page.GetByRole(AriaRole.Table, new() { Name = "Followers" });
        await Assertions.Expect(followers.GetByRole(AriaRole.Row).Filter(new() { HasText = "recomputes indicator scores" })).ToContainTextAsync("up to date");
        await Assertions.Expect(followers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Observable index rebuild" })).ToContainTextAsync("not running");
        await Assertions.Expect(followers).ToContainTextAsync("Hit alerts");
        await Assertions.Expect(web.Page.Locator("#job-counts")).ToHaveTextAsync("0 queued · 0 running · 0 failed in the last 24 hours");
        await web.ScreenshotAsync("admin-node-health");
    }

    [Fact]
    public async Task NodeAdminPages_AreForbiddenToAnOrgAdmin_AndNotInItsTabs()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Peer nodes" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/peers", "/admin/exclusions", "/admin/warninglists", "/admin/node" })
        {
            Assert.Equal(403, (await web.Page.GotoAsync(path))!.Status);
        }

        // A form post straight to the page is refused too, and registers nothing.
        using var orgAdmin = await FormSession.SignInAsAsync(node, alliance, "Alpha", Role.OrgAdmin);
        using var posted = await orgAdmin.PostFormAsync("/admin/peers",
            [new("__RequestVerificationToken", await orgAdmin.TokenAsync("/admin")), new("_handler", "create-peer"), new("PeerName", "sneaky.example")]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        using var peers = await (await alliance.PasswordClientAsync("Alpha", Role.NodeAdmin)).GetAsync("/api/v1/peers", Ct);
        Assert.Equal("[]", await peers.Content.ReadAsStringAsync(Ct));
    }
}
