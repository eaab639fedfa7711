using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Host;

namespace Concord.IntegrationTests.Sightings;

/// <summary>Decay scoring over REST, with the default model: τ 90 days, δ 0.3, default reliability 0.8, false-positive penalty 0.5.</summary>
public class ScoringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Score_OfAFreshIndicator_IsConfidenceTimesReliability_AndDecaysToZeroAtTheLifetime(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var a = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: 80);
        var unscored = SightingHttp.Indicator(confidence: null);
        await a.ImportAsync(indicator);
        await a.ImportAsync(unscored);

        SightingHttp.Near(64.0, await a.ScoreAsync(indicator.Id()));
        SightingHttp.Near(40.0, await a.ScoreAsync(unscored.Id()));

        node.Time.Advance(TimeSpan.FromDays(45));
        SightingHttp.Near(SightingHttp.Expected(64, node.Time.GetUtcNow() - SightingHttp.Start), await a.ScoreAsync(indicator.Id()));
        node.Time.Advance(TimeSpan.FromDays(45));
        SightingHttp.Near(0, await a.ScoreAsync(indicator.Id()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Score_FollowsTheConfiguredModel(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings(
            ("Concord:Intel:Scoring:Lifetime", "10.00:00:00"),
            ("Concord:Intel:Scoring:DecaySpeed", "1"),
            ("Concord:Intel:Scoring:DefaultConfidence", "100"),
            ("Concord:Intel:Scoring:DefaultReliability", "0.5")));
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var a = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: null);
        await a.ImportAsync(indicator);
        SightingHttp.Near(50.0, await a.ScoreAsync(indicator.Id()));

        // δ = 1 is linear decay: after 4 of 10 days, 60 % of the base remains.
        node.Time.Advance(TimeSpan.FromDays(4));
        SightingHttp.Near(30, await a.ScoreAsync(indicator.Id()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MinScore_OnTheList_SelectsExactlyTheIndicatorsScoringAtLeastThatNow(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var a = await alliance.ClientAsync("Alpha", Role.Analyst);
        var low = SightingHttp.Indicator(confidence: 20);
        var mid = SightingHttp.Indicator(confidence: 60);
        var high = SightingHttp.Indicator(confidence: 100);
        var expired = SightingHttp.Indicator(confidence: 100, validUntil: "2026-11-20T00:00:00Z");
        foreach (var indicator in new[] { low, mid, high, expired })
        {
            await a.ImportAsync(indicator);
        }

        Assert.Equal(Sorted([mid.Id(), high.Id(), expired.Id()]), Sorted(await a.ListIdsAsync("min_score=40")));
        Assert.Equal(Sorted([high.Id(), expired.Id()]), Sorted(await a.ListIdsAsync("min_score=50")));
        Assert.Equal(4, (await a.ListIdsAsync("min_score=0")).Count);

        // After 70 days the strongest (base 80) has decayed to 45.3; the expired one is zero since 20 November.
        node.Time.Advance(TimeSpan.FromDays(70));
        var score = SightingHttp.Expected(80, TimeSpan.FromDays(70));
        SightingHttp.Near(score, await a.ScoreAsync(high.Id()));
        SightingHttp.Near(0, await a.ScoreAsync(expired.Id()));
        Assert.Equal([high.Id()], Sorted(await a.ListIdsAsync($"min_score={Math.Floor(score)}")));
        Assert.Equal([high.Id()], Sorted(await a.ListIdsAsync($"min_score={Math.Floor(score)}&type=indicator")));
        Assert.Empty(await a.ListIdsAsync($"min_score={Math.Ceiling(score)}"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MinScore_OutOfRange_IsAProblemNamingTheField(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var a = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        using var response = await a.GetAsync("/api/v1/objects?min_score=101", Ct);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "range");
        Assert.Equal("min_score", problem.GetProperty("field").GetString());
    }

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}
