using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Intel.MispExport;
using Concord.Stix;

namespace Concord.IntegrationTests.Web;

/// <summary>The search page's MISP JSON download (<c>/intel/export?format=misp</c>) over HTTP: the reader's objects only, as MISP events.</summary>
public class MispExportDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MispDownload_IsAnAttachmentOfTheReadersObjectsAsMispEvents(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var green = Bundles.Indicator(tlp: Tlp.Green, name: "shared");
        var amber = Bundles.Indicator(tlp: Tlp.Amber, name: "Alpha only");
        await WebBundles.ImportAsync(alliance, "Alpha", green, amber);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        using var response = await bravo.GetAsync("/intel/export?format=misp&type=indicator", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(".misp.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var @event = Assert.Single(document.RootElement.GetProperty("response").EnumerateArray()).GetProperty("Event");
        Assert.Equal("Concord export", @event.GetProperty("info").GetString());
        var attribute = Assert.Single(@event.GetProperty("Attribute").EnumerateArray());
        Assert.Equal(((string)green["id"]!).Split("--")[1], attribute.GetProperty("uuid").GetString());
        Assert.Empty(PyMispRules.Problems(@event));
    }
}
