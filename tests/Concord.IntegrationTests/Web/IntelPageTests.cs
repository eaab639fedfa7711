using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.Import;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The analyst's intel pages in a real headless Chromium: search, the object page, and the leak rule by URL.</summary>
public class IntelPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_ByText_FindsTheObjectAndItsPageShowsPropertiesLinksSightingsAndTheLastChange(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "Emotet loader C2", description: "Seen in the November phishing wave.", labels: ["c2"]);
        var id = (string)indicator["id"]!;
        var v2 = (JsonObject)indicator.DeepClone();
        v2["modified"] = "2026-01-05T00:00:00.000Z";
        v2["description"] = "Seen in the November phishing wave; still active.";
        var family = WebBundles.Sdo("malware", Tlp.Green, ("name", "Emotet"), ("is_family", true));
        var secret = WebBundles.Sdo("malware", Tlp.Amber, ("name", "Alpha internal codename"), ("is_family", true));
        await WebBundles.ImportAsync(alliance, "Alpha", indicator, v2, family, secret, Bundles.Indicator(tlp: Tlp.Green, name: "Unrelated"),
            WebBundles.Relationship(Tlp.Green, indicator, "indicates", family), WebBundles.Relationship(Tlp.Green, indicator, "indicates", secret));
        await WebBundles.ImportAsync(alliance, "Bravo", WebBundles.Sdo("sighting", Tlp.Green, ("sighting_of_ref", id), ("count", 4)));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        await web.Page.GetByLabel("Text in name or description").FillAsync("emotet");
        await web.Page.GetByLabel("Text in name or description").PressAsync("Enter");
        await Assertions.Expect(web.Page.Locator("table.results tbody tr")).ToHaveCountAsync(2);
        await web.ScreenshotAsync("intel-search");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Emotet loader C2" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Emotet loader C2", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/intel/objects/" + id, web.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(web.Page.Locator(".summary .tlp")).ToHaveTextAsync("TLP:GREEN");
        await Assertions.Expect(web.Page.Locator("dl.properties")).ToContainTextAsync("[ipv4-addr:value = '198.51.100.7']");
        var links = web.Page.Locator("section[aria-labelledby=links-h]");
        await Assertions.Expect(links.GetByRole(AriaRole.Link, new() { Name = "Emotet", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(links).Not.ToContainTextAsync("Alpha internal codename");
        await Assertions.Expect(links.Locator("svg a")).ToHaveCountAsync(2);
        await Assertions.Expect(web.Page.Locator("section[aria-labelledby=sightings-h] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(web.Page.Locator("table.diff tr.changed")).ToHaveCountAsync(2);
        await Assertions.Expect(web.Page.Locator("table.diff")).ToContainTextAsync("still active");
        await web.ScreenshotAsync("intel-object");
        Assert.Empty(web.ConsoleErrors);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectPage_TwoOrganisationsReportTheSameIp_ShowsTheOtherVisibleReportUnderAlsoReportedBy(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie", "Delta");
        var alpha = WebBundles.IpIndicator("Alpha: C2 at 203.0.113.50", "203.0.113.50", Tlp.Green);
        await WebBundles.ImportAsync(alliance, "Alpha", alpha);
        await WebBundles.ImportAsync(alliance, "Bravo", WebBundles.IpIndicator("Bravo: scanner 203.0.113.50", "203.0.113.50", Tlp.Green));
        await WebBundles.ImportAsync(alliance, "Delta", WebBundles.IpIndicator("Delta: private lead", "203.0.113.50", Tlp.Amber));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Charlie", Role.Analyst);

        await web.Page.GotoAsync("/intel/objects/" + (string)alpha["id"]!);

        var section = web.Page.Locator("section[aria-labelledby=correlations-h]");
        await Assertions.Expect(section.GetByRole(AriaRole.Link, new() { Name = "Bravo: scanner 203.0.113.50" })).ToBeVisibleAsync();
        await Assertions.Expect(section).ToContainTextAsync("Bravo");
        await Assertions.Expect(section).ToContainTextAsync("203.0.113.50");
        await Assertions.Expect(section).Not.ToContainTextAsync("Delta");
        await Assertions.Expect(section.Locator("tbody tr")).ToHaveCountAsync(1);
        await web.ScreenshotAsync("intel-object-correlation");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectPage_AnotherOrganisationsAmberObjectByUrl_IsTheSameNotFoundPageAsAnUnknownId(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var amber = Bundles.Indicator(tlp: Tlp.Amber, name: "Alpha only");
        await WebBundles.ImportAsync(alliance, "Alpha", amber);
        var url = "/intel/objects/" + (string)amber["id"]!;
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        var hidden = await web.Page.GotoAsync(url);
        var hiddenText = await web.Page.Locator("main").InnerTextAsync();
        var unknown = await web.Page.GotoAsync("/intel/objects/" + Bundles.NewId());
        var unknownText = await web.Page.Locator("main").InnerTextAsync();
        var edit = await web.Page.GotoAsync(url + "/edit");
        var delete = await web.Page.GotoAsync(url + "/delete");

        Assert.Equal((404, 404, 404, 404), (hidden!.Status, unknown!.Status, edit!.Status, delete!.Status));
        Assert.Equal(unknownText, hiddenText);
        Assert.DoesNotContain("Alpha only", await web.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha only", hiddenText, StringComparison.Ordinal);
        await web.ScreenshotAsync("intel-not-found");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_WithNothingShared_ShowsTheEmptyState(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        await Assertions.Expect(web.Page.Locator("[data-empty] h2")).ToHaveTextAsync("Nothing shared with you yet");
        await web.Page.GotoAsync("/intel?q=nothing-like-this");
        await Assertions.Expect(web.Page.Locator("[data-empty] h2")).ToHaveTextAsync("No objects match these filters");
    }
}

/// <summary>Objects for the page tests, imported through the REST API with each organisation's analyst key.</summary>
internal static class WebBundles
{
    public static JsonObject Sdo(string type, Tlp tlp, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(Concord.Stix.Markings.TlpMarkings.IdOf(tlp)),
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    public static JsonObject Relationship(Tlp tlp, JsonObject source, string type, JsonObject target) =>
        Sdo("relationship", tlp, ("relationship_type", type), ("source_ref", (string)source["id"]!), ("target_ref", (string)target["id"]!));

    public static JsonObject IpIndicator(string name, string ip, Tlp tlp) =>
        Sdo("indicator", tlp, ("name", name), ("pattern", $"[ipv4-addr:value = '{ip}']"), ("pattern_type", "stix"), ("valid_from", "2026-01-01T00:00:00Z"));

    public static async Task ImportAsync(TestAlliance alliance, string organisation, params JsonObject[] objects)
    {
        var client = await alliance.ClientAsync(organisation, Role.Analyst);
        using var response = await client.ImportAsync(Bundles.Bundle(objects));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Holds the node's one-writer gate, so a job queued meanwhile stays running at 0% until released.</summary>
    public static async Task<IDisposable> HoldImportsAsync(TestNode node) =>
        await node.Services.GetRequiredService<IngestGate>().EnterAsync(TestContext.Current.CancellationToken);
}
