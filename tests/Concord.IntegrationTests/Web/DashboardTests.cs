using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The dashboard in the browser, for members with and without data; it shows only what the member may read.</summary>
public class DashboardTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Dashboard_ForAMemberWithData_ShowsWhatWasSharedWithIt_AndNothingElse(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await DashboardData.SeedAsync(node, alliance);
        await using var web = await browser.OpenAsync(node);

        await web.SignInAsAsync(alliance, "Alpha", Role.ReadOnly);

        await Assertions.Expect(web.Page.Locator("#added-count")).ToHaveTextAsync(DashboardData.AlphaShared.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "TLP mix" })).ToContainTextAsync("TLP:GREEN");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "TLP mix" })).Not.ToContainTextAsync("TLP:AMBER");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Top object types" })).ToContainTextAsync("indicator");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Shared by" })).ToContainTextAsync("Alpha");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Shared by" })).Not.ToContainTextAsync("Bravo");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Top ATT&CK techniques" })).ToContainTextAsync("T1566.001 Spearphishing Attachment");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Img, new() { Name = "Objects added per day" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Recently shared" })).ToContainTextAsync("Alpha indicator 3");
        Assert.DoesNotContain(DashboardData.Secret, await web.Page.ContentAsync(), StringComparison.Ordinal);
        await web.ScreenshotAsync("dashboard");
        Assert.Empty(web.ConsoleErrors);
    }

    [Fact]
    public async Task Dashboard_ForTheOwner_CountsItsOwnAmberObjectToo()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await DashboardData.SeedAsync(node, alliance);
        await using var web = await browser.OpenAsync(node);

        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await Assertions.Expect(web.Page.Locator("#added-count")).ToHaveTextAsync((DashboardData.AlphaShared + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "TLP mix" })).ToContainTextAsync("TLP:AMBER");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Recently shared" })).ToContainTextAsync(DashboardData.Secret);
    }

    [Fact]
    public async Task Dashboard_WithNothingShared_SaysSoInsteadOfEmptyCharts()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);

        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await Assertions.Expect(web.Page.GetByText("Nothing has been shared with your organisation yet.")).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Img, new() { Name = "Objects added per day" })).ToHaveCountAsync(0);
    }
}
