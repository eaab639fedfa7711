using System.Globalization;
using Concord.Host.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The first hour: a demo user's dashboard shows a node with a past, not one bar on the seeding day.</summary>
public class DemoDashboardTests(Browser browser)
{
    [Fact]
    public async Task Dashboard_OnTheDemo_ChartsActivityOverManyOfTheLastNinetyDays()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?> { ["Concord:Demo:Enabled"] = "true", ["Concord:Demo:Indicators"] = "150" });
        DemoSummary summary;
        await using (var scope = node.Services.CreateAsyncScope())
        {
            summary = (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(TestContext.Current.CancellationToken))!;
        }

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsync(summary.SampleLogins[0], summary.DemoUserPassword);
        await web.Page.GotoAsync("/?days=90");

        var bars = web.Page.GetByRole(AriaRole.Img, new() { Name = "Objects added per day" }).Locator("rect.bar");
        await Assertions.Expect(bars).ToHaveCountAsync(90);
        var heights = await bars.EvaluateAllAsync<string[]>("bars => bars.map(b => b.getAttribute('height'))");
        var busy = heights.Count(h => double.Parse(h, CultureInfo.InvariantCulture) > 0);
        Assert.True(busy >= 30, $"bars on {busy} of 90 days");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Region, new() { Name = "Top ATT&CK techniques" })).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"T1\d{3}"));
        await web.ScreenshotAsync("dashboard-demo");
        Assert.Empty(web.ConsoleErrors);
    }
}
