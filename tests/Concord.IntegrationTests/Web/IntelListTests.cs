using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.List;
using Concord.IntegrationTests.Intel.Search;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The intel list for triage: a count, sorting, rows that read per type, relationships on request, relevance.</summary>
public class IntelListTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_CountsSortsByScoreReadsIndicatorsAndShowsRelationshipsByNameOnlyWhenAsked(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var strong = Labelled(ListData.Scored("Strong C2", confidence: 90), "c2");
        strong["pattern"] = "[ipv4-addr:value = '203.0.113.9']";
        var expired = ListData.Scored("Expired C2", confidence: 70, modified: "2026-10-29T00:00:00.000Z", validUntil: "2026-10-31T12:00:00Z");
        var actor = WebBundles.Sdo("intrusion-set", Tlp.Green, ("name", "APT Alpha"));
        var emotet = WebBundles.Sdo("malware", Tlp.Green, ("name", "Emotet"), ("is_family", true));
        var secret = WebBundles.Sdo("malware", Tlp.Amber, ("name", "Secret tool"), ("is_family", true));
        await WebBundles.ImportAsync(alliance, "Alpha", ListData.Scored("Weak C2", confidence: 40), strong, expired, actor, emotet, secret,
            ListData.Relationship(actor, "uses", emotet), ListData.Relationship(actor, "uses", secret));
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Bravo", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        var rows = web.Page.Locator("table.results tbody tr");
        await Assertions.Expect(web.Page.Locator("[data-count]")).ToHaveTextAsync("5 objects");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(web.Page.Locator("tr[data-type=relationship]")).ToHaveCountAsync(0);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Score" }).ClickAsync();

        await Assertions.Expect(web.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Score" })).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Contains("sort=score", web.Page.Url, StringComparison.Ordinal);
        Assert.Equal(["Strong C2", "Weak C2", "Expired C2"], (await rows.Locator("td:first-child a").AllInnerTextsAsync()).Take(3));
        var top = rows.First;
        await Assertions.Expect(top.Locator("td.value")).ToHaveTextAsync("203.0.113.9");
        await Assertions.Expect(top.Locator("td.score")).Not.ToBeEmptyAsync();
        await Assertions.Expect(top.Locator(".tag", new() { HasText = "c2" })).ToBeVisibleAsync();
        var old = rows.Nth(2);
        await Assertions.Expect(old.Locator(".tag.expired")).ToHaveTextAsync("expired");
        await Assertions.Expect(old.Locator("td.score")).ToHaveTextAsync("0.0");
        await Assertions.Expect(rows.Nth(0).Locator(".tag.expired")).ToHaveCountAsync(0);
        await web.ScreenshotAsync("intel-list-score");

        await web.Page.GetByLabel("Show relationships").CheckAsync();
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator("[data-count]")).ToHaveTextAsync("7 objects");
        Assert.Contains("relationships=true", web.Page.Url, StringComparison.Ordinal);
        Assert.Contains("sort=score", web.Page.Url, StringComparison.Ordinal);
        var links = web.Page.Locator("tr[data-type=relationship] td:first-child a");
        Assert.Equal(["APT Alpha → uses → Emotet", "APT Alpha → uses → malware"], (await links.AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Secret tool", await web.Page.ContentAsync(), StringComparison.Ordinal);
        await web.ScreenshotAsync("intel-list-relationships");
        await web.Page.GotoAsync("/intel?type=relationship");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Empty(web.ConsoleErrors);

        // An order or page that does not exist: 400 (the browser's console reports it), each named, no results shown.
        var bad = await web.Page.GotoAsync("/intel?sort=colour&page=0");
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(web.Page.Locator(".alert.error p")).ToHaveCountAsync(2);
        await Assertions.Expect(rows).ToHaveCountAsync(0);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_T1566_ListsPhishingFirstByRelevanceAndOtherOrdersOnRequest(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await WebData.ImportAsync(node, alliance, "Alpha", SearchData.AttackPhishing(), new ImportOptions { Tlp = Tlp.Clear, Scope = Scope.Alliance });
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel");
        await web.Page.GetByLabel("Text in name or description").FillAsync("T1566");
        await web.Page.GetByLabel("Text in name or description").PressAsync("Enter");

        var first = web.Page.Locator("table.results tbody tr td:first-child a").First;
        await Assertions.Expect(first).ToHaveTextAsync("Phishing");
        await Assertions.Expect(web.Page.Locator("table.results caption")).ToContainTextAsync("Most relevant first");
        await Assertions.Expect(web.Page.GetByLabel("Sort by")).ToHaveValueAsync("");
        await web.ScreenshotAsync("intel-list-relevance");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Name" }).ClickAsync();
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" })).ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.Contains("q=T1566", web.Page.Url, StringComparison.Ordinal);
        var names = await web.Page.Locator("table.results tbody tr td:first-child a").AllInnerTextsAsync();
        Assert.Equal(names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal), names);
    }

    private static JsonObject Labelled(JsonObject o, params string[] labels)
    {
        o["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]);
        return o;
    }
}
