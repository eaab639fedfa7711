using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The intel search's pages link with opaque cursors, bound to the reader and the filters.</summary>
public class IntelPagingTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_NextPageLink_IsAnOpaqueCursorThatOpensForNoOtherReaderAndNoTampering(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var shared = Enumerable.Range(0, 51).Select(i => Bundles.Indicator(tlp: Tlp.Green, name: $"Shared {i:D2}")).ToArray();
        var hidden = Enumerable.Range(0, 10).Select(_ => Bundles.Indicator(tlp: Tlp.Red, name: "Alpha only"));
        await WebBundles.ImportAsync(alliance, "Alpha", [shared[0], .. hidden, .. shared[1..]]);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        await Assertions.Expect(web.Page.Locator("table.results tbody tr")).ToHaveCountAsync(50);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();

        await Assertions.Expect(web.Page.Locator("table.results tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(web.Page.Locator("table.results")).ToContainTextAsync("Shared 00");
        var after = new Uri(web.Page.Url).Query.Split('&').Single(p => p.TrimStart('?').StartsWith("after=", StringComparison.Ordinal)).Split('=')[1];
        Assert.Equal(50, after.Length);
        Assert.DoesNotMatch("^[0-9]+$", after);

        var tampered = await web.Page.GotoAsync("/intel?after=" + after[..20] + (after[20] == 'A' ? 'B' : 'A') + after[21..]);
        Assert.Equal(400, tampered!.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not one this node gave you");
        Assert.Equal(400, (await web.Page.GotoAsync("/intel?type=malware&after=" + after))!.Status);

        await using var charlie = await browser.OpenAsync(node);
        await charlie.SignInAsAsync(alliance, "Charlie", Role.Analyst);
        Assert.Equal(400, (await charlie.Page.GotoAsync("/intel?after=" + after))!.Status);
        await Assertions.Expect(charlie.Page.Locator("table.results")).ToHaveCountAsync(0);
    }
}
