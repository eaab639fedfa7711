using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Web;

/// <summary>The intel downloads and the object page's recipients over plain HTTP: what a hidden object answers, and bad input.</summary>
public class IntelDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectBundle_OfAHiddenObject_Is404LikeAnUnknownId_AndAVisibleOneIsAStixAttachment(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var green = Bundles.Indicator(tlp: Tlp.Green, name: "shared");
        var amber = Bundles.Indicator(tlp: Tlp.Amber, name: "Alpha only");
        await WebBundles.ImportAsync(alliance, "Alpha", green, amber);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        using var hidden = await bravo.GetAsync($"/intel/objects/{(string)amber["id"]!}/stix", Ct);
        var unknownId = Bundles.NewId();
        using var unknown = await bravo.GetAsync($"/intel/objects/{unknownId}/stix", Ct);
        using var badOwner = await bravo.GetAsync($"/intel/objects/{(string)green["id"]!}/stix?owner=nobody", Ct);
        using var shown = await bravo.GetAsync($"/intel/objects/{(string)green["id"]!}/stix?owner={alliance.OrgId("Alpha")}", Ct);
        using var anonymous = await alliance.Anonymous().GetAsync($"/intel/objects/{(string)green["id"]!}/stix", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.StatusCode, unknown.StatusCode, badOwner.StatusCode));
        Assert.Equal(
            Problem((await unknown.Content.ReadAsStringAsync(Ct)).Replace(unknownId, "ID", StringComparison.Ordinal)),
            Problem((await hidden.Content.ReadAsStringAsync(Ct)).Replace((string)amber["id"]!, "ID", StringComparison.Ordinal)));
        Assert.Null(hidden.Content.Headers.ContentDisposition);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("application/stix+json", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", shown.Content.Headers.ContentDisposition?.DispositionType);
        using var bundle = JsonDocument.Parse(await shown.Content.ReadAsStringAsync(Ct));
        Assert.Equal([(string)green["id"]!, TlpMarkings.GreenId], bundle.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_WithAnUnknownFormatOrABadFilter_IsAProblemNamingTheFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.ReadOnly);

        using var format = await client.GetAsync("/intel/export?format=xml", Ct);
        using var filter = await client.GetAsync("/intel/export?format=csv&tlp=purple", Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (format.StatusCode, filter.StatusCode));
        using var formatProblem = JsonDocument.Parse(await format.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("format", "format-unknown"), (formatProblem.RootElement.GetProperty("field").GetString(), formatProblem.RootElement.GetProperty("rule").GetString()));
        using var filterProblem = JsonDocument.Parse(await filter.Content.ReadAsStringAsync(Ct));
        Assert.Equal("filter-invalid", filterProblem.RootElement.GetProperty("rule").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectPage_OfARedObject_NamesItsRecipientsToTheOwnerAndTheRecipients_AndIsNotFoundForOthers(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie", "Delta");
        var red = Bundles.Indicator(tlp: Tlp.Red, name: "Red lead");
        await WebData.ImportAsync(node, alliance, "Alpha", Bundles.Bundle(red),
            new ImportOptions { Scope = Scope.Recipients, Recipients = [alliance.OrgId("Bravo"), alliance.OrgId("Delta")] });
        var url = $"/intel/objects/{(string)red["id"]!}";

        var owner = await PageAsync(alliance, "Alpha", url);
        var recipient = await PageAsync(alliance, "Bravo", url);
        var outsider = await PageAsync(alliance, "Charlie", url);

        Assert.Contains("Recipients</dt>", owner.Html, StringComparison.Ordinal);
        Assert.Contains("<dd>Bravo, Delta</dd>", owner.Html, StringComparison.Ordinal);
        Assert.Contains("<dd>Bravo, Delta</dd>", recipient.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outsider.Status);
        Assert.DoesNotContain("Bravo", outsider.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Red lead", outsider.Html, StringComparison.Ordinal);
    }

    /// <summary>A 404 problem without its per-request trace id.</summary>
    private static string Problem(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    private static async Task<(HttpStatusCode Status, string Html)> PageAsync(TestAlliance alliance, string organisation, string url)
    {
        var client = await alliance.PasswordClientAsync(organisation, Role.Analyst);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
