using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel.Correlation;

namespace Concord.IntegrationTests.Sightings;

/// <summary>A lookup shows each correlated indicator's score, the one object reads show; other objects have none.</summary>
public class CorrelationScoreTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_ShowsACorrelatedIndicatorsCurrentScore_AsTheObjectReadShowsIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var indicator = SightingHttp.Indicator(confidence: 80, pattern: "[ipv4-addr:value = '198.51.100.44']");
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportAsync(indicator);
        var reader = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        node.Time.Advance(TimeSpan.FromDays(30));

        var found = (await reader.LookupJsonAsync("198.51.100.44")).GetProperty("values")[0].GetProperty("reporters")[0].GetProperty("objects")[0];

        var shown = await reader.ScoreAsync(indicator.Id());
        Assert.Equal(shown!.Value, found.GetProperty("score").GetDouble(), 0.11);
        SightingHttp.Near(SightingHttp.Expected(64, TimeSpan.FromDays(30)), found.GetProperty("score").GetDouble());
    }
}
