using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>On a phone's screen the intel table scrolls inside its own box; the page does not run off to the side.</summary>
public class NarrowScreenTests(Browser browser)
{
    [Fact]
    public async Task IntelTable_OnANarrowScreen_ScrollsInsideItsBox()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await WebBundles.ImportAsync(alliance, "Alpha",
            WebBundles.IpIndicator("Command-and-control server of the spring phishing wave", "198.51.100.7", Tlp.Green),
            WebBundles.IpIndicator("Second stage download host", "198.51.100.8", Tlp.Amber));
        await using var web = await browser.OpenAsync(node, options => options.ViewportSize = new ViewportSize { Width = 375, Height = 740 });
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        var table = web.Page.Locator("table.results");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);

        var box = await table.EvaluateAsync<double[]>("t => [t.getBoundingClientRect().right, t.scrollWidth, t.clientWidth, window.innerWidth]");
        Assert.True(box[0] <= box[3], $"the table's box ends at {box[0]}px, past the {box[3]}px screen");
        Assert.True(box[1] > box[2], $"the table's content ({box[1]}px) fits its box ({box[2]}px): nothing to scroll");
        Assert.Equal("auto", await table.EvaluateAsync<string>("t => getComputedStyle(t).overflowX"));
        await web.ScreenshotAsync("intel-narrow");

        // Scrolling the box brings the last column into view.
        await table.ScrollIntoViewIfNeededAsync();
        await table.EvaluateAsync("t => t.scrollLeft = t.scrollWidth");
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Modified" })).ToBeInViewportAsync();
        await web.ScreenshotAsync("intel-narrow-scrolled");
    }
}
