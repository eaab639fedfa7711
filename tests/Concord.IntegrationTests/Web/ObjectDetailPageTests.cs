using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Concord.Stix.Markings;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The object page's score and sighting form, a report's values, Markdown descriptions and downloads, in Chromium.</summary>
public class ObjectDetailPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Indicator_ShowsItsScoreAndWhy_AndASightingAndAFalsePositiveRecordedOnThePageMoveIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var indicator = WebBundles.IpIndicator("Alpha: C2 at 203.0.113.60", "203.0.113.60", Tlp.Green);
        indicator["confidence"] = 90;
        await WebBundles.ImportAsync(alliance, "Alpha", indicator);
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        // Modified in January, read in November: older than the 90-day lifetime, so decayed to zero.
        await web.Page.GotoAsync("/intel/objects/" + (string)indicator["id"]!);
        var score = web.Page.Locator("section[aria-labelledby=score-h]");
        await Assertions.Expect(score.Locator("[data-score]")).ToHaveTextAsync("0.0");
        await Assertions.Expect(score).ToContainTextAsync("confidence 90");
        await Assertions.Expect(score.Locator("[data-sightings]")).ToHaveTextAsync("0");

        // The form posts, the node records the sighting and sends the browser back to the page: wait for that page.
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await web.Page.WaitForURLAsync(new Regex("recorded=sighting$"));

        await Assertions.Expect(web.Status).ToHaveTextAsync("Your sighting was recorded.");
        await Assertions.Expect(score.Locator("[data-sightings]")).ToHaveTextAsync("1");
        await Assertions.Expect(score.Locator("[data-score]")).ToHaveTextAsync("72.0");
        await Assertions.Expect(score).ToContainTextAsync("the latest sighting");
        await Assertions.Expect(web.Page.Locator("section[aria-labelledby=sightings-h] tbody tr")).ToHaveCountAsync(1);
        await web.ScreenshotAsync("intel-object-score");

        await web.Page.GetByLabel("It is a false positive").CheckAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await web.Page.WaitForURLAsync(new Regex("recorded=false-positive$"));

        await Assertions.Expect(web.Status).ToHaveTextAsync("Your false-positive report was recorded.");
        await Assertions.Expect(score.Locator("[data-false-positives]")).ToHaveTextAsync("1");
        await Assertions.Expect(score.Locator("[data-score]")).ToHaveTextAsync("36.0");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Report_ListsItsIndicatorsValuesToCopy_AndAlsoReportedByOverThem_WithoutHiddenOnes(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie", "Delta");
        var ip = WebBundles.IpIndicator("Alpha: C2 at 203.0.113.71", "203.0.113.71", Tlp.Green);
        var domain = WebBundles.Sdo("indicator", Tlp.Green, ("name", "Alpha: phishing domain"), ("pattern", "[domain-name:value = 'evil-report.example']"),
            ("pattern_type", "stix"), ("valid_from", "2026-01-01T00:00:00Z"));
        var hidden = WebBundles.IpIndicator("Delta: private lead", "203.0.113.72", Tlp.Amber);
        var report = WebBundles.Sdo("report", Tlp.Green, ("name", "Weekly C2 report"), ("published", "2026-01-02T00:00:00Z"),
            ("object_refs", new JsonArray((string)ip["id"]!, (string)domain["id"]!, (string)hidden["id"]!)));
        await WebBundles.ImportAsync(alliance, "Delta", hidden);
        await WebBundles.ImportAsync(alliance, "Alpha", ip, domain, report);
        await WebBundles.ImportAsync(alliance, "Bravo", WebBundles.IpIndicator("Bravo: scanner 203.0.113.71", "203.0.113.71", Tlp.Green));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Charlie", Role.Analyst);

        await web.Page.GotoAsync("/intel/objects/" + (string)report["id"]!);

        var contents = web.Page.Locator("section[aria-labelledby=contents-h]");
        await Assertions.Expect(contents.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(contents.GetByLabel("All 2 values, one per line, to copy")).ToHaveValueAsync("203.0.113.71\nevil-report.example");
        var also = web.Page.Locator("section[aria-labelledby=correlations-h]");
        await Assertions.Expect(also.GetByRole(AriaRole.Link, new() { Name = "Bravo: scanner 203.0.113.71" })).ToBeVisibleAsync();
        await Assertions.Expect(also).Not.ToContainTextAsync("Alpha: C2 at 203.0.113.71");
        var properties = web.Page.Locator("dl.properties");
        await Assertions.Expect(properties.GetByRole(AriaRole.Link, new() { Name = "Alpha: phishing domain" })).ToBeVisibleAsync();
        await Assertions.Expect(properties).ToContainTextAsync((string)hidden["id"]!);
        var page = await web.Page.ContentAsync();
        Assert.DoesNotContain("Delta", page, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.72", page, StringComparison.Ordinal);
        await web.ScreenshotAsync("intel-report");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AttackPattern_RendersMarkdownWithItsCitationAsALinkAndScriptAsText_NamesItsAuthorAndMarking_AndDownloadsAsStix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var mitre = WebBundles.Sdo("identity", Tlp.Green, ("name", "The MITRE Corporation"), ("identity_class", "organization"));
        var copyright = WebBundles.Sdo("marking-definition", Tlp.Green, ("definition_type", "statement"),
            ("definition", new JsonObject { ["statement"] = "Copyright 2015-2025, The MITRE Corporation." }));
        copyright.Remove("modified");
        var technique = WebBundles.Sdo("attack-pattern", Tlp.Green, ("name", "Spearphishing Attachment"), ("created_by_ref", (string)mitre["id"]!),
            ("description", "Adversaries may send **spearphishing** emails with a malicious attachment.(Citation: Example Corp 2024) "
                + "See [bad](javascript:alert(1)).\n\n<script>alert('xss')</script>"),
            ("external_references", new JsonArray(
                new JsonObject { ["source_name"] = "mitre-attack", ["external_id"] = "T1566.001", ["url"] = "https://attack.mitre.org/techniques/T1566/001" },
                new JsonObject { ["source_name"] = "Example Corp 2024", ["url"] = "https://example.com/phishing-report", ["description"] = "Example Corp. (2024). Phishing." })));
        ((JsonArray)technique["object_marking_refs"]!).Add((string)copyright["id"]!);
        await WebBundles.ImportAsync(alliance, "Alpha", mitre, copyright, technique);
        await using var web = await browser.OpenAsync(node);
        var dialogs = 0;
        web.Page.Dialog += (_, _) => dialogs++;
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel/objects/" + (string)technique["id"]!);

        await Assertions.Expect(web.Page.Locator(".identifiers .extid")).ToHaveTextAsync("T1566.001");
        var properties = web.Page.Locator("dl.properties");
        await Assertions.Expect(properties.Locator(".markdown strong")).ToHaveTextAsync("spearphishing");
        var citation = properties.GetByRole(AriaRole.Link, new() { Name = "Example Corp 2024" });
        await Assertions.Expect(citation).ToHaveAttributeAsync("href", "https://example.com/phishing-report");
        await Assertions.Expect(citation).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Assertions.Expect(properties).ToContainTextAsync("<script>alert('xss')</script>");
        await Assertions.Expect(properties.Locator("script")).ToHaveCountAsync(0);
        await Assertions.Expect(properties.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        await Assertions.Expect(properties.GetByRole(AriaRole.Link, new() { Name = "The MITRE Corporation" })).ToBeVisibleAsync();
        await Assertions.Expect(web.Page.Locator(".summary .markings")).ToContainTextAsync("Copyright 2015-2025, The MITRE Corporation.");
        await web.Page.GetByText("The version shown, exactly as stored").ClickAsync();
        await Assertions.Expect(web.Page.Locator("[data-raw-json]")).ToContainTextAsync("(Citation: Example Corp 2024)");
        await web.ScreenshotAsync("intel-object-markdown");

        var download = await web.Page.RunAndWaitForDownloadAsync(() => web.Page.GetByRole(AriaRole.Link, new() { Name = "Download as STIX" }).ClickAsync());
        var ids = BundleIds(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));

        Assert.Equal(new[] { (string)technique["id"]!, (string)mitre["id"]!, (string)copyright["id"]!, TlpMarkings.GreenId }.Order(), ids.Order());
        Assert.Equal(0, dialogs);
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_DownloadsEveryResultAsAStixBundleWithItsAuthors_AndAsCsv(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var author = WebBundles.Sdo("identity", Tlp.Green, ("name", "Alpha analysts"), ("identity_class", "organization"));
        var first = Bundles.Indicator(tlp: Tlp.Green, name: "Export one", createdBy: (string)author["id"]!);
        var second = Bundles.Indicator(tlp: Tlp.Green, name: "Export two", createdBy: (string)author["id"]!);
        await WebBundles.ImportAsync(alliance, "Alpha", author, first, second, WebBundles.Sdo("malware", Tlp.Green, ("name", "Not an indicator"), ("is_family", true)));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel?type=indicator");
        await Assertions.Expect(web.Page.Locator("table.results tbody tr")).ToHaveCountAsync(2);
        await web.ScreenshotAsync("intel-search-export");
        var stix = await web.Page.RunAndWaitForDownloadAsync(() => web.Page.GetByRole(AriaRole.Link, new() { Name = "STIX bundle" }).ClickAsync());
        var csv = await web.Page.RunAndWaitForDownloadAsync(() => web.Page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());

        Assert.EndsWith(".json", stix.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(
            new[] { (string)first["id"]!, (string)second["id"]!, (string)author["id"]!, TlpMarkings.GreenId }.Order(),
            BundleIds(await File.ReadAllBytesAsync(await stix.PathAsync(), TestContext.Current.CancellationToken)).Order());
        var lines = (await File.ReadAllTextAsync(await csv.PathAsync(), TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,type,name,value_or_pattern,owner,tlp,created,modified,score,labels", lines[0]);
        Assert.Equal(["Export one", "Export two"], lines.Skip(1).Select(l => l.Split(',')[2]).Order());
        Assert.All(lines.Skip(1), l => Assert.Contains(",Alpha,TLP:GREEN,", l, StringComparison.Ordinal));
    }

    private static List<string> BundleIds(byte[] bundle)
    {
        using var document = JsonDocument.Parse(bundle);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }
}
