using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.Sightings;

/// <summary>HTTP helpers for sightings and scores.</summary>
internal static class SightingHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test node's clock starts here (see <see cref="TestNode"/>).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An indicator created and modified at <see cref="Start"/>, with a confidence.</summary>
    public static JsonObject Indicator(int? confidence, string? validUntil = null, string pattern = "[ipv4-addr:value = '198.51.100.7']")
    {
        var indicator = Bundles.Indicator(modified: "2026-11-01T09:00:00.000Z");
        indicator["created"] = "2026-11-01T09:00:00.000Z";
        indicator["pattern"] = pattern;
        if (confidence is { } c)
        {
            indicator["confidence"] = c;
        }

        if (validUntil is not null)
        {
            indicator["valid_until"] = validUntil;
        }

        return indicator;
    }

    public static string Id(this JsonObject o) => o["id"]!.GetValue<string>();

    /// <summary>Imports one indicator with the given distribution; fails the test when it is not stored.</summary>
    public static async Task ImportAsync(this HttpClient client, JsonObject indicator, string distribution = "tlp=green&scope=alliance")
    {
        using var response = await client.ImportAsync(Bundles.Bundle(indicator), distribution);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static Task<HttpResponseMessage> SightAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/sightings", body, Ct);

    /// <summary>Posts a sighting that must succeed; returns the id of the recorded STIX sighting.</summary>
    public static async Task<string> SightOkAsync(this HttpClient client, object body)
    {
        using var response = await client.SightAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.JsonAsync()).GetProperty("sightings")[0].GetProperty("id").GetString()!;
    }

    /// <summary>The object's score as the client reads it (null when it has none); fails when the object is not readable.</summary>
    public static async Task<double?> ScoreAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/objects/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = (await response.JsonAsync()).GetProperty("score");
        return score.ValueKind == JsonValueKind.Null ? null : score.GetDouble();
    }

    public static async Task<JsonElement> SightingsAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/objects/{id}/sightings", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>The decay formula written out independently of the node: base × (1 − (t/τ)^(1/δ)).</summary>
    public static double Expected(double @base, TimeSpan age, double lifetimeDays = 90, double delta = 0.3)
    {
        var x = age.TotalDays / lifetimeDays;
        return x >= 1 ? 0 : @base * (1 - Math.Pow(x, 1 / delta));
    }

    /// <summary>A shown score (one decimal) against the exact one: the node's fake clock moves a millisecond per reading.</summary>
    public static void Near(double expected, double? shown) => Assert.Equal(expected, shown!.Value, 0.051);

    /// <summary>Node settings for tests that move the clock by months: API keys that outlive them.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Concord:Access:ApiKeyDefaultLifetimeDays"] = "700" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
