using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Testing;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The lookup page in the browser: pasted values, what the member may read about each, and the CSV download.</summary>
public class LookupPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_ShowsReportersScoresAndWarninglists_OfWhatTheMemberMayRead_AndDownloadsItAsCsv(Store store)
    {
        var settings = new Dictionary<string, string?> { ["Concord:Intel:Warninglists:Directory"] = SharedData.Path("misp", "warninglists", "lists") };
        await using var node = await TestNode.StartAsync(store, settings);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=green&scope=alliance",
            CorrelationHttp.Indicator("[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example']", "Alpha's C2 server"));
        await (await alliance.ClientAsync("Bravo", Role.Analyst)).ImportOkAsync("tlp=amber&scope=owner",
            CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.7", "Bravo's own secret"));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Charlie", Role.ReadOnly);

        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Lookup" }).ClickAsync();
        await web.Page.GetByLabel("Values, one per line").FillAsync("198[.]51[.]100[.]7\nhxxp://evil[.]example/login\n8.8.8.8\nnot a value at all");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();

        var results = web.Page.GetByRole(AriaRole.Table, new() { Name = "Lookup results" });
        var ip = results.Locator("tr[data-value='198[.]51[.]100[.]7']");
        await Assertions.Expect(ip).ToContainTextAsync("read as 198.51.100.7");
        await Assertions.Expect(ip).ToContainTextAsync("Alpha");
        await Assertions.Expect(ip).ToContainTextAsync("Alpha's C2 server");
        await Assertions.Expect(ip.Locator(".tag").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^score \d+\.\d$") })).ToHaveCountAsync(1);
        await Assertions.Expect(results.Locator("tr[data-value='8.8.8.8']")).ToContainTextAsync("warninglist: public-dns-v4");
        await Assertions.Expect(results.Locator("tr[data-value='8.8.8.8']")).ToContainTextAsync("Only on a warninglist");
        await Assertions.Expect(results.Locator("tr[data-value='not a value at all']")).ToContainTextAsync("Not readable");
        await Assertions.Expect(web.Page.Locator("#lookup-summary")).ToContainTextAsync("4 values: 1 reported in objects you may read");
        await Assertions.Expect(web.Page.Locator("#lookup-summary")).ToContainTextAsync("1 not readable");
        Assert.DoesNotContain("Bravo", await web.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await web.ScreenshotAsync("lookup");

        var download = await web.Page.RunAndWaitForDownloadAsync(() => web.Page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("value,kind,read_as,", csv, StringComparison.Ordinal);
        Assert.Contains("Alpha's C2 server", csv, StringComparison.Ordinal);
        Assert.Contains("public-dns-v4", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Bravo", csv, StringComparison.Ordinal);
        Assert.Empty(web.ConsoleErrors);
    }

    [Fact]
    public async Task Lookup_OverTheCap_SaysHowManyAndChangesNothing()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
        await web.Page.GotoAsync("/lookup");

        var values = string.Join('\n', Enumerable.Range(0, Concord.Intel.ICorrelation.MaxLookupValues + 5).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}"));
        // Set directly: typing ten thousand lines through the keyboard takes longer than the test's patience.
        await web.Page.GetByLabel("Values, one per line").EvaluateAsync("(area, text) => { area.value = text; }", values);
        var refused = await web.Page.RunAndWaitForResponseAsync(
            () => web.Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, refused.Status);
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("At most 10000 values per lookup. This list has 10,005");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Table, new() { Name = "Lookup results" })).ToHaveCountAsync(0);
    }
}
