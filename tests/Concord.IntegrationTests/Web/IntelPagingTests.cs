using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The intel list's numbered pages: counted and numbered over what the reader may see only, filters kept.</summary>
public class IntelPagingTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_NumberedPages_KeepFiltersAndOrderAndNeverCountWhatTheReaderMayNotSee(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var shared = Enumerable.Range(0, 51).Select(i => Bundles.Indicator(tlp: Tlp.Green, name: $"Shared {i:D2}")).ToArray();
        var hidden = Enumerable.Range(0, 10).Select(_ => Bundles.Indicator(tlp: Tlp.Red, name: "Alpha only"));
        await WebBundles.ImportAsync(alliance, "Alpha", [shared[0], .. hidden, .. shared[1..]]);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel?type=indicator&sort=name");
        var rows = web.Page.Locator("table.results tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(web.Page.Locator("[data-count]")).ToHaveTextAsync("51 objects");
        await Assertions.Expect(rows.First).ToContainTextAsync("Shared 00");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Page 3" })).ToHaveCountAsync(0);
        await web.ScreenshotAsync("intel-list-pages");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Shared 50");
        Assert.EndsWith("/intel?type=indicator&sort=name&page=2", web.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        Assert.DoesNotContain("Alpha only", await web.Page.ContentAsync(), StringComparison.Ordinal);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        Assert.EndsWith("/intel?type=indicator&sort=name", web.Page.Url, StringComparison.Ordinal);

        await web.Page.GotoAsync($"/intel?page={Concord.Web.Intel.SearchFilters.MaxPage + 1}");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("narrow the filters");
        await Assertions.Expect(web.Page.Locator("table.results")).ToHaveCountAsync(0);
    }
}
