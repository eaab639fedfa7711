using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.Feeds;
using Concord.Testing;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>Administration → Feeds: an org admin adds a list, runs it now, sees what it brought, and a refused setting is named.</summary>
public class FeedPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrgAdmin_AddsAFeed_RunsItNow_SeesItsCounts_AndDeletesIt(Store store)
    {
        var list = Path.Combine(Path.GetTempPath(), $"concord-feed-page-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(list, "# demo list\n198.51.100.21\nbad-host[.]example\n198.51.100.22\tseen 3 times\n", TestContext.Current.CancellationToken);
        await using var server = await FeedServer.StartAsync(list);
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.OrgAdmin);

        await web.Page.GotoAsync("/admin");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Feeds" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/admin/feeds");
        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // A scope wider than the TLP allows is refused, and nothing is added.
        await web.Page.GetByLabel("Name").FillAsync("watchlist");
        await web.Page.GetByLabel("Kind").SelectOptionAsync("Text");
        await web.Page.GetByLabel("URL").FillAsync(server.Url(Path.GetFileName(list)));
        await web.Page.GetByLabel("TLP").SelectOptionAsync("Red");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("TLP:RED");
        await Assertions.Expect(web.Page.GetByText("No feeds yet.")).ToBeVisibleAsync();

        await web.Page.GetByLabel("Name").FillAsync("watchlist");
        await web.Page.GetByLabel("Kind").SelectOptionAsync("Text");
        await web.Page.GetByLabel("URL").FillAsync(server.Url(Path.GetFileName(list)));
        await web.Page.GetByLabel("TLP").SelectOptionAsync("Green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();
        var row = web.Page.GetByRole(AriaRole.Table, new() { Name = "Feeds" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "watchlist" });
        await Assertions.Expect(row).ToContainTextAsync("every 60 min");
        await Assertions.Expect(row).ToContainTextAsync("never");

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Run feed watchlist now" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "watchlist:" })).ToContainTextAsync("watchlist: 3 objects stored");
        await Assertions.Expect(row).ToContainTextAsync("3 stored");
        await web.ScreenshotAsync("admin-feeds");

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Delete feed watchlist" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByText("No feeds yet.")).ToBeVisibleAsync();
        // The refused add answered 400, which the browser logs; nothing else may have failed.
        Assert.DoesNotContain(web.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
        File.Delete(list);
    }
}
