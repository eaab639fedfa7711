using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Correlation;

public class CorrelationLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_ValueReportedByTwoOrganisations_ListsBothGroupedByOrganisationWithCountryAndDates(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        await alliance.AddOrganisationAsync("Charlie", country: "FR");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var charlie = await alliance.ClientAsync("Charlie", Role.Analyst);
        var first = CorrelationHttp.Indicator("[ipv4-addr:value = '203.0.113.9']", created: "2026-02-01T00:00:00.000Z", modified: "2026-03-01T00:00:00.000Z");
        var second = CorrelationHttp.Indicator("[ipv4-addr:value = '203.0.113.9' OR domain-name:value = 'evil.example']", created: "2026-01-15T00:00:00.000Z");
        await alpha.ImportOkAsync("tlp=green", first);
        await charlie.ImportOkAsync("tlp=green", second);

        var reader = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var body = await reader.LookupJsonAsync("203.0.113.9", "EVIL.example.", "not a value at all");

        var values = body.GetProperty("values");
        Assert.Equal(3, values.GetArrayLength());
        var ip = values[0];
        Assert.Equal("ipv4-addr", ip.GetProperty("kind").GetString());
        Assert.False(ip.GetProperty("common").GetBoolean());
        var reporters = ip.GetProperty("reporters").EnumerateArray().ToList();
        Assert.Equal(["Alpha", "Charlie"], reporters.Select(r => r.GetProperty("organisation").GetString()));
        Assert.Equal(["DE", "FR"], reporters.Select(r => r.GetProperty("country").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-02-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), reporters[0].GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), reporters[0].GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal(first.Id(), reporters[0].GetProperty("objects")[0].GetProperty("id").GetString());
        Assert.Equal("exact", reporters[0].GetProperty("objects")[0].GetProperty("match").GetString());
        Assert.Equal("evil.example", values[1].GetProperty("value").GetString());
        Assert.Equal([second.Id()], CorrelationHttp.ObjectIds(values[1]));
        Assert.NotNull(values[2].GetProperty("problem").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectCorrelations_ListOtherObjectsSharingItsValues_NotItself(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var mine = CorrelationHttp.Indicator("[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F' OR url:value = 'http://evil.example/a']");
        var theirs = CorrelationHttp.IndicatorFor("file:hashes.'SHA-256'", "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f");
        await alpha.ImportOkAsync("tlp=green", mine);
        await bravo.ImportOkAsync("tlp=green", theirs);

        using var response = await alpha.GetAsync($"/api/v1/objects/{mine.Id()}/correlations", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var values = body.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(2, values.Count);
        Assert.Equal([theirs.Id()], CorrelationHttp.ObjectIds(values[0]));
        Assert.Empty(CorrelationHttp.ObjectIds(values[1]));

        using var missing = await alpha.GetAsync($"/api/v1/objects/indicator--{Guid.NewGuid()}/correlations", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
